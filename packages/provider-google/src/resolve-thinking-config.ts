import { InvalidRequestError } from '@multi-ai-proxy/core';
import type { GoogleThinkingConfig } from './google-api-types.js';
import { type GeminiThinkingLevel, geminiThinkingTraits } from './google-model-traits.js';
import {
  mapReasoningEffortToThinkingConfig,
  readReasoningEffort,
} from './map-reasoning-effort-to-thinking-config.js';
import type { GoogleExtraBody } from './read-google-extra-body.js';

export interface ResolveThinkingConfigOptions {
  modelId: string;
  /** Google's `extra_body.google` of the request, read by readGoogleExtraBody. */
  extra?: GoogleExtraBody;
  /** The caller's default for thought summaries (undefined: when an effort other than `none` is set). */
  includeThoughts?: boolean;
}

/**
 * The request's `thinkingConfig`: `reasoning_effort` (Google's table) or the explicit
 * `extra_body.google.thinking_config`, never both with a budget or level (Google answers 400: they
 * overlap). A level or budget the model does not take is refused here, naming the parameter, instead of
 * by Gemini after the call.
 */
export function resolveThinkingConfig(
  reasoningEffort: unknown,
  options: ResolveThinkingConfigOptions,
): GoogleThinkingConfig | undefined {
  const effort = readReasoningEffort(reasoningEffort);
  const explicit = options.extra?.thinkingConfig;
  const includeThoughts = explicit?.includeThoughts ?? options.includeThoughts;
  if (
    explicit === undefined ||
    (explicit.thinkingBudget === undefined && explicit.thinkingLevel === undefined)
  ) {
    if (effort !== undefined)
      return mapReasoningEffortToThinkingConfig(effort, options.modelId, { includeThoughts });
    return explicit?.includeThoughts === undefined
      ? undefined
      : { includeThoughts: explicit.includeThoughts };
  }
  const param = `${options.extra?.param ?? 'google'}.thinking_config`;
  if (effort !== undefined) {
    const field = explicit.thinkingBudget !== undefined ? 'thinking_budget' : 'thinking_level';
    throw new InvalidRequestError(
      `reasoning_effort and ${param}.${field} overlap: set one of them, not both.`,
      { param: 'reasoning_effort', code: 'invalid_value' },
    );
  }

  const traits = geminiThinkingTraits(options.modelId);
  const config: GoogleThinkingConfig = {};
  if (explicit.thinkingLevel !== undefined) {
    const level = explicit.thinkingLevel as GeminiThinkingLevel;
    if (traits?.kind === 'budget') {
      throw new InvalidRequestError(
        `${options.modelId} takes thinking_budget, not thinking_level.`,
        { param: `${param}.thinking_level`, code: 'invalid_value' },
      );
    }
    if (traits?.kind === 'level' && !traits.levels.includes(level)) {
      throw new InvalidRequestError(
        `Thinking level ${level} is not supported by ${options.modelId}; it takes ${traits.levels.join(', ')}.`,
        {
          param: `${param}.thinking_level`,
          code: 'invalid_value',
        },
      );
    }
    config.thinkingLevel = level;
  }
  if (explicit.thinkingBudget !== undefined) {
    const budget = explicit.thinkingBudget;
    // Gemini 3 takes budgets for backward compatibility; Gemini 2.5 has a range per model (and -1: dynamic).
    if (
      traits?.kind === 'budget' &&
      budget !== -1 &&
      !(budget === 0 && traits.canDisable) &&
      (budget < traits.min || budget > traits.max)
    ) {
      const off = traits.canDisable ? ', 0 (off)' : ' (thinking cannot be switched off)';
      throw new InvalidRequestError(
        `thinking_budget ${budget} is out of range for ${options.modelId}: ${traits.min}–${traits.max}, -1 (dynamic)${off}.`,
        {
          param: `${param}.thinking_budget`,
          code: 'invalid_value',
        },
      );
    }
    config.thinkingBudget = budget;
  }
  if (includeThoughts !== undefined) config.includeThoughts = includeThoughts;
  return config;
}
