import type { ChatCompletionFinishReason } from '@multi-ai-proxy/core';

/** Claude's `stop_reason` → OpenAI's `finish_reason` (README table). */
export function mapAnthropicStopReason(
  reason: string | null | undefined,
): ChatCompletionFinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      // end_turn, stop_sequence, pause_turn (a server tool paused; the client may continue the turn)
      return 'stop';
  }
}
