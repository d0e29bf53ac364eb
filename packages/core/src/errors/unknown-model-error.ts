import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.UnknownModelError';
const symbol = Symbol.for(marker);

/** No configured provider serves the requested model (404 `model_not_found`, as OpenAI answers). */
export class UnknownModelError extends GatewayError {
  protected readonly [symbol] = true;
  readonly model: string;

  constructor(model: string, hint: string) {
    super({
      message:
        `The model \`${model}\` does not exist or no configured provider serves it. ${hint}`.trim(),
      status: 404,
      type: 'invalid_request_error',
      code: 'model_not_found',
      param: 'model',
      expose: true,
    });
    this.name = 'UnknownModelError';
    this.model = model;
  }

  /** Whether `error` is a UnknownModelError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is UnknownModelError {
    return GatewayError.hasMarker(error, marker);
  }
}
