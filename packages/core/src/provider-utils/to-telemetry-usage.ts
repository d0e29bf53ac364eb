import type { TelemetryUsageV1 } from '../provider/call-telemetry-v1.js';

/** An OpenAI `usage` object as it may arrive (fields unchecked: from an upstream or a client). */
export interface OpenAIUsageLike {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: unknown } | null;
}

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/**
 * OpenAI `usage` in the telemetry's terms (`context.telemetry.usage`); undefined when there is none.
 * Counts that are not whole non-negative numbers are left out.
 */
export function toTelemetryUsage(
  usage: OpenAIUsageLike | null | undefined,
): TelemetryUsageV1 | undefined {
  if (usage === null || typeof usage !== 'object') return undefined;
  return {
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
    cachedInputTokens: count(usage.prompt_tokens_details?.cached_tokens),
    reasoningTokens: count(usage.completion_tokens_details?.reasoning_tokens),
  };
}
