import type { CompletionUsage, ResponseUsage } from '@multi-ai-proxy/core';

/** Responses `usage` → chat `usage`, cached and reasoning token counts kept in their details. */
export function convertAzureResponsesUsage(
  usage: ResponseUsage | null | undefined,
): CompletionUsage {
  const prompt = usage?.input_tokens ?? 0;
  const completion = usage?.output_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage?.total_tokens ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: usage?.input_tokens_details?.cached_tokens ?? 0 },
    completion_tokens_details: {
      reasoning_tokens: usage?.output_tokens_details?.reasoning_tokens ?? 0,
    },
  };
}
