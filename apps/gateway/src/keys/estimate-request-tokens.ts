/** Completion tokens reserved when a chat or completion request sets neither max_completion_tokens nor max_tokens. */
export const DEFAULT_COMPLETION_ESTIMATE = 4096;

export interface TokenEstimate {
  prompt: number;
  completion: number;
}

/**
 * The tokens a request is charged before its answer: the prompt as a quarter of the body's bytes
 * (JSON syntax included, so this leans high; real usage corrects it), plus the completion the client
 * allows (`max_completion_tokens`, `max_tokens`, Responses' `max_output_tokens`, Gemini's
 * `generationConfig.maxOutputTokens`; `n` answers), or the default. Embeddings produce none.
 */
export function estimateRequestTokens(
  body: Record<string, unknown>,
  bodyBytes: number,
  producesCompletion: boolean,
): TokenEstimate {
  const prompt = Math.ceil(bodyBytes / 4);
  if (!producesCompletion) return { prompt, completion: 0 };
  const ceiling =
    wholeNumber(body.max_completion_tokens) ??
    wholeNumber(body.max_tokens) ??
    wholeNumber(body.max_output_tokens) ??
    wholeNumber(
      (body.generationConfig as { maxOutputTokens?: unknown } | undefined)?.maxOutputTokens,
    ) ??
    DEFAULT_COMPLETION_ESTIMATE;
  const choices = wholeNumber(body.n) ?? 1;
  return { prompt, completion: ceiling * Math.max(1, choices) };
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
