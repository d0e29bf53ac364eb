import { InvalidRequestError } from '@multi-ai-proxy/core';

// Longer than any model, deployment or alias name; a longer value is a client bug, not a lookup miss.
const MAX_MODEL_LENGTH = 256;
// A lone surrogate (`"\ud800"`) cannot be encoded into a URL or UTF-8; control characters name no model.
const MALFORMED = /[\p{Cc}\p{Cs}]/u;

/** Refuses a model name no provider could be addressed with (400 naming `model`), before routing. */
export function assertModelName(model: string): void {
  if (model.length > MAX_MODEL_LENGTH || MALFORMED.test(model)) {
    throw new InvalidRequestError(
      `'model' must be at most ${MAX_MODEL_LENGTH} characters of well-formed text (no lone surrogates or control characters).`,
      {
        param: 'model',
        code: 'invalid_value',
      },
    );
  }
}
