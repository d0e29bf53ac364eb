import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.AuthenticationError';
const symbol = Symbol.for(marker);

/** Missing or wrong gateway API key, or an upstream credential the provider cannot obtain (401). */
export class AuthenticationError extends GatewayError {
  protected readonly [symbol] = true;
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super({
      message,
      status: 401,
      type: 'invalid_request_error',
      code: options.code ?? 'invalid_api_key',
      expose: true,
      cause: options.cause,
    });
    this.name = 'AuthenticationError';
  }

  /** Whether `error` is a AuthenticationError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is AuthenticationError {
    return GatewayError.hasMarker(error, marker);
  }
}
