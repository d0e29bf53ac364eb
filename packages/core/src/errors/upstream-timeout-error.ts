import { GatewayError } from './gateway-error.js';

/** The upstream did not answer in time — 504. */
export class UpstreamTimeoutError extends GatewayError {
  constructor(provider: string, host: string, timeoutMs: number | undefined, options: { cause?: unknown } = {}) {
    super({
      message: `Provider "${provider}" timed out waiting for its upstream ${host}${timeoutMs ? ` after ${timeoutMs} ms` : ''}.`,
      status: 504,
      type: 'api_error',
      code: 'upstream_timeout',
      expose: true,
      cause: options.cause,
    });
    this.name = 'UpstreamTimeoutError';
  }
}
