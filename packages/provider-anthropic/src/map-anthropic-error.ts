import { UpstreamApiError } from '@multi-ai-proxy/core';
import { pickRateLimitHeaders } from '@multi-ai-proxy/core/provider-utils';
import type { IncomingHttpHeaders } from 'node:http';

/** Anthropic's HTTP status for an overloaded API (no retry-after); clients retry 5xx. */
export const OVERLOADED_STATUS = 529;

/**
 * An Anthropic error answer (`{"type":"error","error":{"type","message"}}`), or Google's `{"error":{code,message,status}}`
 * that Vertex answers before Claude sees the call, → UpstreamApiError with the upstream's status and
 * Anthropic's error type as the OpenAI `type` (the names are the same family: `invalid_request_error`,
 * `rate_limit_error`…). `overloaded_error` keeps 529 (or Foundry's 503): retryable.
 */
export function mapAnthropicError(options: {
  provider: string;
  label: string;
  status: number;
  body: Buffer | string;
  headers?: IncomingHttpHeaders;
}): UpstreamApiError {
  const { type, message } = readErrorBody(options.body);
  let status = options.status;
  if (type === 'overloaded_error' && status < 500) status = OVERLOADED_STATUS;
  return new UpstreamApiError({
    provider: options.provider,
    status,
    message: message ?? `${options.label} answered HTTP ${options.status}.`,
    type: type ?? undefined,
    code: type ?? null,
    headers: options.headers ? pickRateLimitHeaders(options.headers) : undefined,
  });
}

/** The `error` event of a Messages stream (after a 200): `overloaded_error` mid-stream is common. */
export function mapAnthropicStreamError(
  provider: string,
  data: { error?: { type?: unknown; message?: unknown } },
): UpstreamApiError {
  const type = typeof data.error?.type === 'string' ? data.error.type : 'api_error';
  const status =
    type === 'overloaded_error'
      ? OVERLOADED_STATUS
      : type === 'rate_limit_error'
        ? 429
        : type === 'invalid_request_error'
          ? 400
          : 502;
  return new UpstreamApiError({
    provider,
    status,
    message:
      typeof data.error?.message === 'string' ? data.error.message : 'The upstream stream failed.',
    type,
    code: type,
  });
}

function readErrorBody(body: Buffer | string): {
  type: string | undefined;
  message: string | undefined;
} {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return { type: undefined, message: undefined };
  }
  const error = (
    parsed as { error?: { type?: unknown; message?: unknown; status?: unknown } } | null
  )?.error;
  if (error === null || typeof error !== 'object') return { type: undefined, message: undefined };
  const message = typeof error.message === 'string' ? error.message : undefined;
  if (typeof error.type === 'string') return { type: error.type, message };
  // Google's envelope: the canonical status names the failure.
  return {
    type: typeof error.status === 'string' ? googleStatusType(error.status) : undefined,
    message,
  };
}

function googleStatusType(status: string): string {
  switch (status) {
    case 'UNAUTHENTICATED':
      return 'authentication_error';
    case 'PERMISSION_DENIED':
      return 'permission_error';
    case 'NOT_FOUND':
      return 'not_found_error';
    case 'RESOURCE_EXHAUSTED':
      return 'rate_limit_error';
    case 'INVALID_ARGUMENT':
    case 'FAILED_PRECONDITION':
      return 'invalid_request_error';
    default:
      return 'api_error';
  }
}
