import type { IncomingHttpHeaders } from 'node:http';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { pickRateLimitHeaders } from '@multi-ai-proxy/core/provider-utils';
import type { GoogleRpcError } from './google-api-types.js';

// google.rpc.Code → HTTP status (google/rpc/code.proto), for errors that arrive without one (mid-stream).
const STATUS_BY_CODE: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ABORTED: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  UNKNOWN: 500,
  INTERNAL: 500,
  DATA_LOSS: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

const MAX_TEXT = 500;

/**
 * A Gemini/Vertex error answer (google.rpc Status body) → UpstreamApiError: upstream status kept
 * (the Gemini API's 400 for an invalid API key becomes 401, as OpenAI answers a bad key),
 * Google's `message` kept verbatim (never the DebugInfo details, which can echo the key),
 * `RetryInfo.retryDelay` → `retry-after` (whole seconds, rounded up) and `retry-after-ms`.
 * `body` may be the raw bytes, a string or the parsed object; `status` may be 200 for an
 * error that arrived inside a stream (then the google.rpc status decides).
 */
export function mapGoogleError(
  status: number,
  body: unknown,
  provider: string,
  headers: IncomingHttpHeaders = {},
): UpstreamApiError {
  const parsed = parseBody(body);
  const rpc = parsed?.error;
  const rpcStatus = typeof rpc?.status === 'string' ? rpc.status : undefined;
  let httpStatus =
    status >= 400 && status <= 599
      ? status
      : (rpcStatus && STATUS_BY_CODE[rpcStatus]) || (isHttpStatus(rpc?.code) ? rpc.code : 502);
  const reason = errorInfoReason(rpc);
  let code: string | null = rpcStatus ?? null;
  if (reason === 'API_KEY_INVALID' || reason === 'API_KEY_EXPIRED') {
    httpStatus = 401;
    code = 'invalid_api_key';
  } else if (httpStatus === 429) code = 'rate_limit_exceeded';
  else if (httpStatus === 404 && /models\//.test(rpc?.message ?? '')) code = 'model_not_found';

  const outHeaders = pickRateLimitHeaders(headers);
  const delayMs = retryDelayMs(rpc);
  if (delayMs !== undefined) {
    outHeaders['retry-after'] ??= String(Math.ceil(delayMs / 1000));
    outHeaders['retry-after-ms'] ??= String(Math.round(delayMs));
  }
  const message =
    rpc?.message && typeof rpc.message === 'string'
      ? rpc.message
      : describeNonRpcBody(status, body);
  return new UpstreamApiError({
    provider,
    status: httpStatus,
    message,
    code,
    param: httpStatus === 404 && code === 'model_not_found' ? 'model' : null,
    headers: outHeaders,
  });
}

function parseBody(body: unknown): { error?: GoogleRpcError } | undefined {
  let value = body;
  if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  // A stream error body may be wrapped in an array (the non-SSE JSON-array stream format).
  if (Array.isArray(value)) value = value[0];
  if (value === null || typeof value !== 'object') return undefined;
  const error = (value as { error?: unknown }).error;
  return error !== null && typeof error === 'object'
    ? { error: error as GoogleRpcError }
    : undefined;
}

function errorInfoReason(rpc: GoogleRpcError | undefined): string | undefined {
  for (const detail of rpc?.details ?? []) {
    if (
      String(detail?.['@type']).endsWith('google.rpc.ErrorInfo') &&
      typeof detail.reason === 'string'
    )
      return detail.reason;
  }
  return undefined;
}

function retryDelayMs(rpc: GoogleRpcError | undefined): number | undefined {
  for (const detail of rpc?.details ?? []) {
    if (!String(detail?.['@type']).endsWith('google.rpc.RetryInfo')) continue;
    const delay = detail.retryDelay;
    if (typeof delay === 'string') {
      const match = /^(\d+(?:\.\d+)?)s$/.exec(delay);
      if (match) return Number(match[1]) * 1000;
    } else if (delay && typeof delay === 'object') {
      const { seconds, nanos } = delay as { seconds?: number | string; nanos?: number };
      return Number(seconds ?? 0) * 1000 + Number(nanos ?? 0) / 1e6;
    }
  }
  return undefined;
}

function describeNonRpcBody(status: number, body: unknown): string {
  const text =
    body instanceof Uint8Array
      ? Buffer.from(body).toString('utf8')
      : typeof body === 'string'
        ? body
        : '';
  const snippet = text.trim().slice(0, MAX_TEXT);
  return `The Google API answered HTTP ${status}${snippet ? `: ${snippet}` : ' without an error body'}.`;
}

function isHttpStatus(value: unknown): value is number {
  return typeof value === 'number' && value >= 400 && value <= 599;
}
