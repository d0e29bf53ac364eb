/** Tokens of one answer as OpenAI's `usage` reports them (cached ⊂ prompt, reasoning ⊂ completion). */
export interface TokenUsage {
  prompt: number;
  completion: number;
  cached: number;
  reasoning: number;
}

/** What one usage report says; a streamed answer may report its fields in different events. */
export type UsagePart = Partial<TokenUsage>;

/**
 * Reads a usage report of the shapes upstreams send: OpenAI chat/completions/embeddings `usage`
 * (`prompt_tokens`…), Responses `usage` (`input_tokens`, `input_tokens_details.cached_tokens`…),
 * Anthropic `usage` (`input_tokens` without the cache, `cache_read_input_tokens`…) and Gemini's
 * `usageMetadata` (`promptTokenCount`, `candidatesTokenCount` + `thoughtsTokenCount`…). Undefined
 * when `value` is none of them.
 */
export function readUsagePart(value: unknown): UsagePart | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const usage = value as Record<string, unknown>;
  if ('promptTokenCount' in usage || 'candidatesTokenCount' in usage) return geminiPart(usage);
  if ('prompt_tokens' in usage || 'completion_tokens' in usage)
    return defined({
      prompt: count(usage.prompt_tokens),
      completion: count(usage.completion_tokens),
      cached: count(detail(usage.prompt_tokens_details, 'cached_tokens')),
      reasoning: count(detail(usage.completion_tokens_details, 'reasoning_tokens')),
    });
  if (!('input_tokens' in usage || 'output_tokens' in usage)) return undefined;
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  const input = count(usage.input_tokens);
  // Anthropic counts cache reads and writes apart from input_tokens; Responses includes them.
  const anthropic = cacheRead !== undefined || cacheWrite !== undefined;
  return defined({
    prompt:
      input === undefined
        ? undefined
        : anthropic
          ? input + (cacheRead ?? 0) + (cacheWrite ?? 0)
          : input,
    completion: count(usage.output_tokens),
    cached: anthropic ? cacheRead : count(detail(usage.input_tokens_details, 'cached_tokens')),
    reasoning: count(detail(usage.output_tokens_details, 'reasoning_tokens')),
  });
}

/** Reads an OpenAI-shaped `usage` object as a whole report; undefined when it has no token count. */
export function readTokenUsage(value: unknown): TokenUsage | undefined {
  const part = readUsagePart(value);
  if (part?.prompt === undefined && part?.completion === undefined) return undefined;
  return completeUsage(part);
}

/** A report with the fields nobody reported as 0. */
export function completeUsage(part: UsagePart): TokenUsage {
  return {
    prompt: part.prompt ?? 0,
    completion: part.completion ?? 0,
    cached: part.cached ?? 0,
    reasoning: part.reasoning ?? 0,
  };
}

function geminiPart(usage: Record<string, unknown>): UsagePart {
  const candidates = count(usage.candidatesTokenCount);
  const thoughts = count(usage.thoughtsTokenCount);
  return defined({
    prompt: count(usage.promptTokenCount),
    // Gemini counts thinking apart from the candidates; OpenAI's completion includes it.
    completion:
      candidates === undefined && thoughts === undefined
        ? undefined
        : (candidates ?? 0) + (thoughts ?? 0),
    cached: count(usage.cachedContentTokenCount),
    reasoning: thoughts,
  });
}

function defined(part: UsagePart): UsagePart {
  const out: UsagePart = {};
  for (const [name, amount] of Object.entries(part) as [keyof TokenUsage, number | undefined][])
    if (amount !== undefined) out[name] = amount;
  return out;
}

function detail(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[field]
    : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.round(value)
    : undefined;
}
