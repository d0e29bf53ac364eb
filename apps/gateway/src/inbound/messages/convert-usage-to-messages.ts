import type { CompletionUsage } from '@multi-ai-proxy/core';
import type { MessagesUsage } from './messages-types.js';

/** OpenAI usage → Claude's: `input_tokens` excludes the cache reads, which are `cache_read_input_tokens`. */
export function convertUsageToMessages(usage: CompletionUsage | null | undefined): MessagesUsage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}
