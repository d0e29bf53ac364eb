/** Tokens of one answer as OpenAI's `usage` reports them (cached ⊂ prompt, reasoning ⊂ completion). */
export interface TokenUsage {
  prompt: number;
  completion: number;
  cached: number;
  reasoning: number;
}

/** Reads an OpenAI `usage` object (chat, completions, embeddings); undefined when it is not one. */
export function readTokenUsage(value: unknown): TokenUsage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const usage = value as Record<string, unknown>;
  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  if (prompt === undefined && completion === undefined) return undefined;
  return {
    prompt: prompt ?? 0,
    completion: completion ?? 0,
    cached:
      count((usage.prompt_tokens_details as Record<string, unknown> | undefined)?.cached_tokens) ??
      0,
    reasoning:
      count(
        (usage.completion_tokens_details as Record<string, unknown> | undefined)?.reasoning_tokens,
      ) ?? 0,
  };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.round(value)
    : undefined;
}
