import type { CompletionUsage } from '@multi-ai-proxy/core';
import type { GoogleUsageMetadata } from './google-api-types.js';

/**
 * Gemini `usageMetadata` → OpenAI `usage`. Thinking counts as completion (OpenAI bills reasoning the
 * same way), tool-use prompt tokens as prompt, so `total = prompt + completion` holds:
 * Gemini's own `totalTokenCount` is that same sum (7 + 149 + 48 = 204 in the recorded 2.5 Flash answer).
 */
export function convertGoogleUsage(usage: GoogleUsageMetadata | undefined | null): CompletionUsage {
  const prompt = (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0);
  const reasoning = usage?.thoughtsTokenCount ?? 0;
  const completion = (usage?.candidatesTokenCount ?? 0) + reasoning;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage?.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}
