import type { CompletionUsage } from '@multi-ai-proxy/core';
import type { AnthropicUsage } from './anthropic-api-types.js';

/**
 * Claude's usage → OpenAI's. Claude's `input_tokens` excludes the cache: the prompt is input + cache
 * reads + cache writes, and the cache reads are `prompt_tokens_details.cached_tokens`.
 */
export function convertAnthropicUsage(usage: AnthropicUsage | undefined): CompletionUsage {
  const input = count(usage?.input_tokens);
  const cacheRead = count(usage?.cache_read_input_tokens);
  const cacheWrite = count(usage?.cache_creation_input_tokens);
  const output = count(usage?.output_tokens);
  const prompt = input + cacheRead + cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
    prompt_tokens_details: { cached_tokens: cacheRead },
  };
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
