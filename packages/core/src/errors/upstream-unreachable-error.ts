import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.UpstreamUnreachableError';
const symbol = Symbol.for(marker);

/** The upstream could not be reached (DNS, refused, reset) — 502. Names the host, never a credential. */
export class UpstreamUnreachableError extends GatewayError {
  protected readonly [symbol] = true;
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

  /** Whether `error` is a UpstreamUnreachableError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is UpstreamUnreachableError {
    return GatewayError.hasMarker(error, marker);
  }
}
