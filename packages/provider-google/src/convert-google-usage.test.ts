import { describe, expect, it } from 'vitest';
import { convertGoogleUsage } from './convert-google-usage.js';

describe('convertGoogleUsage', () => {
  it("counts tool-use prompt tokens as prompt and thinking as completion, keeping Gemini's total (synthetic usage: no recording has toolUsePromptTokenCount or cachedContentTokenCount)", () => {
    // Synthetic usageMetadata: every field set to a distinct value so that each one is visibly accounted for.
    const usage = convertGoogleUsage({
      promptTokenCount: 7,
      toolUsePromptTokenCount: 11,
      candidatesTokenCount: 48,
      thoughtsTokenCount: 149,
      cachedContentTokenCount: 3,
      totalTokenCount: 215,
    });
    expect(usage).toEqual({
      prompt_tokens: 18,
      completion_tokens: 197,
      total_tokens: 215,
      prompt_tokens_details: { cached_tokens: 3 },
      completion_tokens_details: { reasoning_tokens: 149 },
    });
  });

  it('answers zeros for a missing usageMetadata', () => {
    expect(convertGoogleUsage(undefined)).toEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
});
