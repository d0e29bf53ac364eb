import type { SseEventRewriter } from '@multi-ai-proxy/provider-openai/internal';

// Cheap pre-check so ordinary delta chunks are passed on without parsing.
const EMPTY_CHOICES = /"choices"\s*:\s*\[\s*\]/;

/**
 * Azure starts a chat or completions stream with a chunk that has `choices: []`, empty `id`/`model`
 * and the `prompt_filter_results` (recorded in __fixtures__); clients that read `choices[0]` crash
 * on it. This rewriter drops such chunks and moves their `prompt_filter_results` onto the next chunk
 * that has choices, so the detail survives. The usage chunk (`choices: []` with `usage`, from
 * `stream_options.include_usage`) is kept. Every other event passes byte for byte.
 */
export function createAzureChunkFilter(): SseEventRewriter {
  let pendingFilterResults: unknown;
  return (event) => {
    if (pendingFilterResults === undefined && !EMPTY_CHOICES.test(event)) return event;
    const data = readData(event);
    if (data === undefined || data === '[DONE]') return event;
    let chunk: Record<string, unknown>;
    try {
      chunk = JSON.parse(data);
    } catch {
      return event;
    }
    if (typeof chunk !== 'object' || chunk === null || !Array.isArray(chunk.choices)) return event;
    if (chunk.choices.length === 0) {
      if (chunk.usage !== undefined && chunk.usage !== null) return event;
      if (chunk.prompt_filter_results !== undefined) pendingFilterResults = chunk.prompt_filter_results;
      return undefined;
    }
    if (pendingFilterResults === undefined) return event;
    const merged = { ...chunk, prompt_filter_results: chunk.prompt_filter_results ?? pendingFilterResults };
    pendingFilterResults = undefined;
    return `data: ${JSON.stringify(merged)}`;
  };
}

/** The `data` of an SSE event (multi-line data joined with `\n`, per the SSE spec). */
function readData(event: string): string | undefined {
  let data: string | undefined;
  for (const line of event.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.slice(line.startsWith('data: ') ? 6 : 5);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data;
}
