import type { AnthropicThinking } from './anthropic-api-types.js';

// Budgets in the spirit of Anthropic's guidance (1024 is the minimum a budget may be).
const BUDGETS: Record<string, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
};

/** OpenAI `reasoning_effort` → Claude's `thinking` (README table); `none` switches it off, unknown values are a 400 upstream of here. */
export function mapReasoningEffortToThinking(
  effort: string | null | undefined,
): AnthropicThinking | undefined {
  if (effort === undefined || effort === null) return undefined;
  if (effort === 'none') return { type: 'disabled' };
  const budget = BUDGETS[effort];
  return budget === undefined ? undefined : { type: 'enabled', budget_tokens: budget };
}
