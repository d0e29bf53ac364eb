import { describe, expect, it } from 'vitest';
import { toTelemetryUsage } from './to-telemetry-usage.js';

describe('toTelemetryUsage', () => {
  it('maps OpenAI usage, cached and reasoning tokens included, and drops counts that are not counts', () => {
    expect(
      toTelemetryUsage({
        prompt_tokens: 12,
        completion_tokens: 30,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 20 },
      }),
    ).toEqual({
      inputTokens: 12,
      outputTokens: 30,
      cachedInputTokens: 4,
      reasoningTokens: 20,
    });
    expect(toTelemetryUsage({ prompt_tokens: -1, completion_tokens: 1.5 })).toEqual({
      inputTokens: undefined,
      outputTokens: undefined,
      cachedInputTokens: undefined,
      reasoningTokens: undefined,
    });
    expect(toTelemetryUsage(null)).toBeUndefined();
  });
});
