import { UpstreamTimeoutError } from '../errors/upstream-timeout-error.js';
import { hostOfUrl } from './host-of-url.js';
import type { UpstreamRequest } from './send-upstream-request.js';

export interface ResponseDeadline {
  /** Whether the deadline passed (and `onExpire` ran). */
  readonly expired: boolean;
  clear(): void;
  /** The 504 for this request. */
  error(cause?: unknown): UpstreamTimeoutError;
}

/**
 * One timer for a call's `timeoutMs` (none when it is not set): cheaper on the hot path than
 * got's timeout machinery, shared by the buffered and the streamed helper.
 */
export function startResponseDeadline(
  request: UpstreamRequest,
  onExpire: () => void,
): ResponseDeadline {
  let expired = false;
  const timer =
    request.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          expired = true;
          onExpire();
        }, request.timeoutMs);
  return {
    get expired() {
      return expired;
    },
    clear: () => clearTimeout(timer),
    error: (cause) =>
      new UpstreamTimeoutError(request.provider, hostOfUrl(request.url), request.timeoutMs, {
        cause,
      }),
  };
}
