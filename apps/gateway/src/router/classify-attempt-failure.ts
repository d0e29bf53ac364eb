import {
  GatewayError,
  UpstreamApiError,
  UpstreamTimeoutError,
  UpstreamUnreachableError,
} from '@multi-ai-proxy/core';
import { parseRetryAfter, retryDelayOf } from './parse-retry-after.js';

/**
 * What the router does after a failed attempt:
 * - `rate_limited`: cool the deployment for its Retry-After (not a breaker failure), move on;
 * - `failing`: a breaker failure, move on;
 * - `auth`: the deployment's key is wrong: cool it for long, move on;
 * - `final`: the answer would be the same anywhere (the client's request), answer it.
 */
export type FailureAction = 'rate_limited' | 'failing' | 'auth' | 'final';

export interface AttemptFailure {
  action: FailureAction;
  /** Why, for logs and the retry/fallback metrics (a closed set). */
  reason:
    | 'rate_limited'
    | 'server_error'
    | 'timeout'
    | 'connection'
    | 'first_event_error'
    | 'auth'
    | 'client_error'
    | 'content_filter'
    | 'client_abort';
  status: number;
  retryAfterMs: number | undefined;
}

// 529 is Anthropic's overloaded_error (Claude on Foundry, Vertex and Anthropic's API): a busy upstream.
const RETRIED_STATUSES = new Set([408, 429, 500, 502, 503, 504, 529]);

/**
 * Sorts a failure before the commit point. `firstEvent` marks an error that came as the first event
 * of a stream whose headers said 200; `aborted` is the client's disconnect (never retried).
 */
export function classifyAttemptFailure(
  error: unknown,
  options: { aborted: boolean; nowMs: number; firstEvent?: boolean },
): AttemptFailure {
  const status = GatewayError.isInstance(error) ? error.status : 502;
  if (options.aborted)
    return { action: 'final', reason: 'client_abort', status: 499, retryAfterMs: undefined };
  if (UpstreamTimeoutError.isInstance(error) || isTimeout(error))
    return { action: 'failing', reason: 'timeout', status: 504, retryAfterMs: undefined };
  if (UpstreamUnreachableError.isInstance(error))
    return { action: 'failing', reason: 'connection', status, retryAfterMs: undefined };
  if (!GatewayError.isInstance(error))
    return {
      action: 'failing',
      reason: options.firstEvent ? 'first_event_error' : 'connection',
      status,
      retryAfterMs: undefined,
    };
  if (isContentFilter(error))
    return { action: 'final', reason: 'content_filter', status, retryAfterMs: undefined };
  const retryAfterMs =
    parseRetryAfter(error.headers, options.nowMs) ??
    (UpstreamApiError.isInstance(error) ? retryDelayOf(error.upstreamError) : undefined);
  if (status === 429)
    return { action: 'rate_limited', reason: 'rate_limited', status, retryAfterMs };
  if (status === 401 || status === 403)
    return { action: 'auth', reason: 'auth', status, retryAfterMs: undefined };
  if (options.firstEvent && status >= 500)
    return { action: 'failing', reason: 'first_event_error', status, retryAfterMs };
  if (RETRIED_STATUSES.has(status))
    return {
      action: 'failing',
      reason: status === 408 || status === 504 ? 'timeout' : 'server_error',
      status,
      retryAfterMs,
    };
  return { action: 'final', reason: 'client_error', status, retryAfterMs: undefined };
}

/** The router's own first-byte timer (an AbortSignal.timeout reason) and got's timeouts. */
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'FirstByteTimeoutError';
}

// Azure: `code: content_filter` (400) or `innererror.code: ResponsibleAIPolicyViolation`.
function isContentFilter(error: GatewayError): boolean {
  if (error.code === 'content_filter') return true;
  const inner = UpstreamApiError.isInstance(error)
    ? (error.upstreamError?.innererror as { code?: unknown } | undefined)
    : undefined;
  return inner?.code === 'ResponsibleAIPolicyViolation';
}
