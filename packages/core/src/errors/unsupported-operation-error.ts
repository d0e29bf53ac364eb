import { GatewayError } from './gateway-error.js';

/** The resolved provider does not implement the requested operation. */
export class UnsupportedOperationError extends GatewayError {
  readonly operation: string;
  readonly provider: string | undefined;

  constructor(operation: string, provider: string | undefined, options: { status?: number; detail?: string } = {}) {
    const who = provider === undefined ? 'No configured provider' : `Provider "${provider}"`;
    super({
      message: `${who} does not support ${operation}.${options.detail ? ` ${options.detail}` : ''}`,
      status: options.status ?? 400,
      type: 'invalid_request_error',
      code: 'unsupported_operation',
      expose: true,
    });
    this.name = 'UnsupportedOperationError';
    this.operation = operation;
    this.provider = provider;
  }
}
