import { toAnthropicErrorBody } from './to-anthropic-error-body.js';

/**
 * A failure as the last event of a Messages stream: `event: error` with Anthropic's envelope, which the
 * Anthropic SDKs raise as an APIError (an OpenAI-style `data:` event without a name they would skip).
 */
export function formatAnthropicErrorEvent(error: unknown): string {
  return `event: error\ndata: ${JSON.stringify(toAnthropicErrorBody(error).body)}\n\n`;
}
