import { GatewayError } from './gateway-error.js';

/** Missing or wrong gateway API key, or an upstream credential the provider cannot obtain (401). */
export class AuthenticationError extends GatewayError {
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super({ message, status: 401, type: 'invalid_request_error', code: options.code ?? 'invalid_api_key', expose: true, cause: options.cause });
    this.name = 'AuthenticationError';
  }
}
