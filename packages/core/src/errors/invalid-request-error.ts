import { GatewayError } from './gateway-error.js';

/** The client's request is malformed or names a parameter the gateway cannot use (400). */
export class InvalidRequestError extends GatewayError {
  constructor(message: string, options: { param?: string | null; code?: string | null; status?: number; cause?: unknown } = {}) {
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
}
