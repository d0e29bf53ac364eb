import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.InvalidRequestError';
const symbol = Symbol.for(marker);

/** The client's request is malformed or names a parameter the gateway cannot use (400). */
export class InvalidRequestError extends GatewayError {
  protected readonly [symbol] = true;
  constructor(
    message: string,
    options: { param?: string | null; code?: string | null; status?: number; cause?: unknown } = {},
  ) {
    super({
      message,
      status: options.status ?? 400,
      type: 'invalid_request_error',
      code: options.code ?? null,
      param: options.param ?? null,
      expose: true,
      cause: options.cause,
    });
    this.name = 'InvalidRequestError';
  }

  /** Whether `error` is a InvalidRequestError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is InvalidRequestError {
    return GatewayError.hasMarker(error, marker);
  }
}
