import type { OpenAIErrorBody } from '../openai/openai-error-body.js';
import { GatewayError } from './gateway-error.js';
import { UpstreamApiError } from './upstream-api-error.js';

/**
 * The OpenAI error body for any thrown value; hidden errors answer a generic message. An upstream's
 * own OpenAI-shaped error object is passed on with its further fields (Azure's `innererror`); the four
 * OpenAI fields come from the error, which took the upstream's own where they were valid.
 */
export function toOpenAIErrorBody(error: unknown): OpenAIErrorBody {
  if (GatewayError.isInstance(error)) {
    return {
      error: {
        ...(UpstreamApiError.isInstance(error) && error.expose ? error.upstreamError : undefined),
        message: error.expose ? error.message : 'The gateway could not complete the request.',
        type: error.type,
        param: error.param,
        code: error.code,
      },
    };
  }
  return {
    error: {
      message: 'The gateway could not complete the request.',
      type: 'server_error',
      param: null,
      code: null,
    },
  };
}
