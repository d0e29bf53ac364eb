import type { ChatCompletionRequest } from '@multi-ai-proxy/core';

/**
 * `count_tokens` for providers without a count endpoint the gateway can reach: about four characters per
 * token over the translated messages and tools (README "count_tokens"). An estimate, for Claude Code's
 * context-window bookkeeping, never billing.
 */
export function estimateInputTokens(chat: ChatCompletionRequest): number {
  const text =
    JSON.stringify(chat.messages) + (chat.tools === undefined ? '' : JSON.stringify(chat.tools));
  return Math.max(1, Math.ceil(text.length / 4));
}
