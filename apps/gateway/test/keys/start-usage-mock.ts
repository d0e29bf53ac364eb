import { type MockUpstream, startMockUpstream } from '@multi-ai-proxy/core/testing';
import { recordedChat } from '../mocks/openai-format-bodies.js';

/**
 * An OpenAI-compatible chat upstream for load runs: the recorded chat answer with its usage replaced by
 * a seeded pseudo-random total between `minTokens` and `maxTokens` (synthetic numbers on a recorded
 * body), after a pseudo-random latency between `minLatencyMs` and `maxLatencyMs`.
 */
export function startUsageMock(options: {
  minTokens: number;
  maxTokens: number;
  minLatencyMs: number;
  maxLatencyMs: number;
  seed?: number;
}): Promise<MockUpstream> {
  let state = options.seed ?? 12_345;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const between = (low: number, high: number) => Math.round(low + (high - low) * next());
  return startMockUpstream([
    {
      method: 'POST',
      path: /^\/v1\/chat\/completions/,
      reply: () => {
        const total = between(options.minTokens, options.maxTokens);
        const prompt = Math.min(50, total);
        return {
          delayMs: between(options.minLatencyMs, options.maxLatencyMs),
          body: {
            ...recordedChat,
            usage: {
              prompt_tokens: prompt,
              completion_tokens: total - prompt,
              total_tokens: total,
            },
          },
        };
      },
    },
  ]);
}
