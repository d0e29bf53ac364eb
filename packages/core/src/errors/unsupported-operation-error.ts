import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.UnsupportedOperationError';
const symbol = Symbol.for(marker);

/** The resolved provider does not implement the requested operation. */
export class UnsupportedOperationError extends GatewayError {
  protected readonly [symbol] = true;
  readonly operation: string;
  readonly provider: string | undefined;

  constructor(
    operation: string,
    provider: string | undefined,
    options: { status?: number; detail?: string } = {},
  ) {
    const sentence =
      provider === undefined
        ? `No configured provider supports ${operation}.`
        : `Provider "${provider}" does not support ${operation}.`;
    super({
      message: `${sentence}${options.detail ? ` ${options.detail}` : ''}`,
      status: options.status ?? 400,
      type: 'invalid_request_error',
      code: 'unsupported_operation',
      expose: true,
    });
    this.name = 'UnsupportedOperationError';
    this.operation = operation;
    this.provider = provider;
  }

  /** Whether `error` is a UnsupportedOperationError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is UnsupportedOperationError {
    return GatewayError.hasMarker(error, marker);
  }
}
