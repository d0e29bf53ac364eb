import { UpstreamApiError } from '@multi-ai-proxy/core';

/**
 * A failed Responses answer (`status: "failed"` with `error`, a `response.failed` event, or an `error`
 * event) → the typed error the host answers with (or writes as the stream's error event). The call
 * itself succeeded at HTTP level, so the status is 502 unless the upstream error names a rate limit.
 */
export function createAzureResponsesError(
  provider: string,
  error: { code?: unknown; message?: unknown; param?: unknown } | null | undefined,
): UpstreamApiError {
  const code = typeof error?.code === 'string' ? error.code : 'response_failed';
  const message =
    typeof error?.message === 'string' && error.message !== ''
      ? error.message
      : 'The Responses call failed without an error message.';
  const rateLimited = code === 'rate_limit_exceeded';
  return new UpstreamApiError({
    provider,
    status: rateLimited ? 429 : 502,
    message,
    type: rateLimited ? 'rate_limit_error' : 'api_error',
    code,
    param: typeof error?.param === 'string' ? error.param : null,
  });
}
