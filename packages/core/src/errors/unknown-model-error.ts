import { GatewayError } from './gateway-error.js';

/** No configured provider serves the requested model (404 `model_not_found`, as OpenAI answers). */
export class UnknownModelError extends GatewayError {
  readonly model: string;

  constructor(model: string, hint: string) {
    super({
      message: `The model \`${model}\` does not exist or no configured provider serves it. ${hint}`.trim(),
      status: 404,
      type: 'invalid_request_error',
      code: 'model_not_found',
      param: 'model',
      expose: true,
    });
    this.name = 'UnknownModelError';
    this.model = model;
  }
}
