import { describeValue, isCount, isRecord } from './value-guards.js';

/**
 * Problems with what `ProviderV1.countTokens` answered: `{ inputTokens }`, a non-negative integer (the
 * host writes it as Anthropic's `input_tokens`), equal to `expected` when the recording says.
 */
export function checkTokenCount(count: unknown, expected?: number): string[] {
  if (!isRecord(count))
    return [`countTokens() must resolve to { inputTokens }, got ${describeValue(count)}`];
  if (!isCount(count.inputTokens))
    return [`inputTokens must be a non-negative integer, got ${describeValue(count.inputTokens)}`];
  if (expected !== undefined && count.inputTokens !== expected)
    return [`inputTokens must be ${expected} (the upstream's count), got ${count.inputTokens}`];
  return [];
}
