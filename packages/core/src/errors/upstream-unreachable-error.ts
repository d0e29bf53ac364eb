import { GatewayError } from './gateway-error.js';

/** The upstream could not be reached (DNS, refused, reset) — 502. Names the host, never a credential. */
export class UpstreamUnreachableError extends GatewayError {
  constructor(provider: string, host: string, options: { detail?: string; cause?: unknown } = {}) {
    super({
      message: `Provider "${provider}" could not reach its upstream ${host}${options.detail ? ` (${options.detail})` : ''}.`,
      status: 502,
      type: 'api_error',
      code: 'upstream_unreachable',
      expose: true,
      cause: options.cause,
    });
    this.name = 'UpstreamUnreachableError';
  }
}
