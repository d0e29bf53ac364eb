import { InvalidRequestError } from '@multi-ai-proxy/core';
import type { GoogleThinkingConfig } from './google-api-types.js';
import { type GeminiThinkingLevel, geminiThinkingTraits } from './google-model-traits.js';

/** The efforts the gateway accepts: Google's five, and OpenAI's `xhigh` (→ the model's most thinking). */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

type MappedEffort = Exclude<ReasoningEffort, 'none' | 'xhigh'>;

// Google's table (ai.google.dev/gemini-api/docs/openai, "Thinking"; README "reasoning_effort").
const LEVELS: Record<
  'gemini-3-pro' | 'gemini-3.x-pro' | 'gemini-3-flash',
  Record<MappedEffort, GeminiThinkingLevel>
> = {
  'gemini-3-pro': { minimal: 'LOW', low: 'LOW', medium: 'HIGH', high: 'HIGH' },
  'gemini-3.x-pro': { minimal: 'LOW', low: 'LOW', medium: 'MEDIUM', high: 'HIGH' },
  'gemini-3-flash': { minimal: 'MINIMAL', low: 'LOW', medium: 'MEDIUM', high: 'HIGH' },
};
const BUDGETS: Record<MappedEffort, number> = {
  minimal: 1024,
  low: 1024,
  medium: 8192,
  high: 24576,
};

/** A `reasoning_effort` value the gateway knows, else a 400 naming the parameter (checked before any upstream call). */
export function readReasoningEffort(value: unknown): ReasoningEffort | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && (REASONING_EFFORTS as readonly string[]).includes(value))
    return value as ReasoningEffort;
  throw new InvalidRequestError(
    `Invalid reasoning_effort ${JSON.stringify(value)}: use one of ${REASONING_EFFORTS.join(', ')}.`,
    {
      param: 'reasoning_effort',
      code: 'invalid_value',
    },
  );
}

/**
 * OpenAI `reasoning_effort` → Gemini `thinkingConfig`, as Google's OpenAI-compatible endpoint maps it
 * (README "reasoning_effort" table): a thinking level on Gemini 3.x, a token budget on Gemini 2.5.
 * `none` switches thinking off where the model can (2.5 Flash / Flash-Lite) and asks for the least
 * thinking elsewhere; `xhigh` asks for the most. Models that do not think get undefined (dropped).
 */
export function mapReasoningEffortToThinkingConfig(
  effort: ReasoningEffort | null | undefined,
  modelId: string,
  options: { includeThoughts?: boolean } = {},
): GoogleThinkingConfig | undefined {
  if (effort === undefined || effort === null) return undefined;
  const includeThoughts = options.includeThoughts ?? effort !== 'none';
  const withThoughts = (config: GoogleThinkingConfig): GoogleThinkingConfig =>
    includeThoughts ? { ...config, includeThoughts: true } : config;
  const traits = geminiThinkingTraits(modelId);
  if (traits === undefined) return undefined;

  if (traits.kind === 'level') {
    if (effort === 'none')
      return withThoughts({ thinkingLevel: traits.levels[0] as GeminiThinkingLevel });
    if (effort === 'xhigh') return withThoughts({ thinkingLevel: 'HIGH' });
    return withThoughts({ thinkingLevel: LEVELS[traits.family][effort] });
  }
  if (effort === 'none')
    return withThoughts({ thinkingBudget: traits.canDisable ? 0 : traits.min });
  if (effort === 'xhigh') return withThoughts({ thinkingBudget: traits.max });
  return withThoughts({ thinkingBudget: BUDGETS[effort] });
}
