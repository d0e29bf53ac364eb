import { GatewayError } from '../errors/gateway-error.js';
import { UpstreamTimeoutError } from '../errors/upstream-timeout-error.js';
import { UpstreamUnreachableError } from '../errors/upstream-unreachable-error.js';
import { hostOfUrl } from './host-of-url.js';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_INVALID_URL',
  'EPROTO',
]);

/**
 * Turns a transport failure of got into the gateway's typed error: timeout → 504, anything that kept
 * the request from being answered → 502. An abort caused by the client's own disconnect is rethrown
 * untouched (there is nobody left to answer).
 */
export function mapRequestError(
  error: unknown,
  provider: string,
  url: string,
  timeoutMs?: number,
): unknown {
  if (GatewayError.isInstance(error)) return error;
  const candidate = error as { name?: string; code?: string; message?: string };
  if (
    candidate?.name === 'AbortError' ||
    candidate?.code === 'ERR_ABORTED' ||
    candidate?.code === 'ABORT_ERR'
  )
    return error;
  const host = hostOfUrl(url);
  if (candidate?.name === 'TimeoutError' || candidate?.code === 'ETIMEDOUT') {
    return new UpstreamTimeoutError(provider, host, timeoutMs, { cause: error });
  }
  const code = candidate?.code;
  return new UpstreamUnreachableError(provider, host, {
    detail:
      code && (UNREACHABLE_CODES.has(code) || code.startsWith('E')) ? code : 'connection failed',
    cause: error,
  });
}
