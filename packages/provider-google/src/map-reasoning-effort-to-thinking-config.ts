import type { GoogleThinkingConfig } from './google-api-types.js';
import { isGemini3Model, isGemini25Model } from './google-model-traits.js';

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

// Gemini 2.5 budgets follow Google's own OpenAI-compatible endpoint (low 1K, medium 8K, high 24K).
const BUDGETS: Record<Exclude<ReasoningEffort, 'none' | 'xhigh'>, number> = { minimal: 512, low: 1024, medium: 8192, high: 24576 };

/**
 * OpenAI `reasoning_effort` → Gemini `thinkingConfig` (README "reasoning_effort" table).
 * Gemini 3 takes a thinking level (and cannot switch thinking off: `none` → its lowest level);
 * Gemini 2.5 takes a token budget (2.5 Pro cannot switch thinking off either: 128 is its minimum).
 * Other models (2.0, Gemma) do not think: undefined, the parameter is dropped.
 */
export function mapReasoningEffortToThinkingConfig(
  effort: string | null | undefined,
  modelId: string,
  options: { includeThoughts?: boolean } = {},
): GoogleThinkingConfig | undefined {
  if (effort === undefined || effort === null) return undefined;
  const includeThoughts = options.includeThoughts ?? effort !== 'none';
  const withThoughts = (config: GoogleThinkingConfig): GoogleThinkingConfig => (includeThoughts ? { ...config, includeThoughts: true } : config);
  const model = modelId.toLowerCase();

  if (isGemini3Model(model)) {
    const isPro = model.includes('pro');
    switch (effort) {
      case 'none':
      case 'minimal':
        return withThoughts({ thinkingLevel: isPro ? 'LOW' : 'MINIMAL' });
      case 'low':
        return withThoughts({ thinkingLevel: 'LOW' });
      case 'medium':
        // Gemini 3 Pro knows only LOW and HIGH.
        return withThoughts({ thinkingLevel: isPro ? 'HIGH' : 'MEDIUM' });
      default:
        return withThoughts({ thinkingLevel: 'HIGH' });
    }
  }
  if (isGemini25Model(model)) {
    const isPro = model.includes('pro');
    if (effort === 'none') return withThoughts({ thinkingBudget: isPro ? 128 : 0 });
    if (effort === 'xhigh' || effort === 'max') return withThoughts({ thinkingBudget: isPro ? 32768 : 24576 });
    const budget = BUDGETS[effort as keyof typeof BUDGETS];
    return budget === undefined ? undefined : withThoughts({ thinkingBudget: budget });
  }
  return undefined;
}
