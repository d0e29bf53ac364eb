import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.UpstreamTimeoutError';
const symbol = Symbol.for(marker);

/** The upstream did not answer in time — 504. */
export class UpstreamTimeoutError extends GatewayError {
  protected readonly [symbol] = true;
  constructor(
    provider: string,
    host: string,
    timeoutMs: number | undefined,
    options: { cause?: unknown } = {},
  ) {
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

  /** Whether `error` is a UpstreamTimeoutError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is UpstreamTimeoutError {
    return GatewayError.hasMarker(error, marker);
  }
}
