import type { OpenAIErrorBody } from '../openai/openai-error-body.js';
import { GatewayError } from './gateway-error.js';

/** The OpenAI error body for any thrown value; hidden errors answer a generic message. */
export function toOpenAIErrorBody(error: unknown): OpenAIErrorBody {
  if (GatewayError.isInstance(error)) {
    return {
      error: {
        message: error.expose ? error.message : 'The gateway could not complete the request.',
        type: error.type,
        param: error.param,
        code: error.code,
      },
    };
  }
  return { error: { message: 'The gateway could not complete the request.', type: 'server_error', param: null, code: null } };
}
