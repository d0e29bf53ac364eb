import type { CompletionUsage, ResponseUsage } from '../../openai/index.js';

/**
 * Chat usage → Responses usage. Every field is required by the spec and by Codex (which fails on a
 * missing `reasoning_tokens`), so absent details are 0, never omitted.
 */
export function convertUsageToResponses(usage: CompletionUsage | null | undefined): ResponseUsage {
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage?.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: output,
    output_tokens_details: {
      reasoning_tokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
    },
    total_tokens: usage?.total_tokens ?? input + output,
  };
}
