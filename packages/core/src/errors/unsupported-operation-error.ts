import { GatewayError } from './gateway-error.js';

/** The resolved provider does not implement the requested operation. */
export class UnsupportedOperationError extends GatewayError {
  readonly operation: string;
  readonly provider: string | undefined;

  constructor(operation: string, provider: string | undefined, options: { status?: number; detail?: string } = {}) {
    const sentence = provider === undefined ? `No configured provider supports ${operation}.` : `Provider "${provider}" does not support ${operation}.`;
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
}
