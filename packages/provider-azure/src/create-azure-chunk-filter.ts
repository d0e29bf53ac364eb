import type { SseEventRewriter } from '@multi-ai-proxy/provider-openai/internal';

// Cheap pre-check so ordinary delta chunks are passed on without parsing.
const EMPTY_CHOICES = /"choices"\s*:\s*\[\s*\]/;

/**
 * What replaces a dropped filter-only chunk on the wire: an SSE comment, which every SSE client
 * ignores (the spec, the OpenAI SDKs' decoders). Written at once, so the client's first byte leaves
 * when the upstream's first event arrives instead of waiting for the next event, which it is merged into.
 */
export const FILTER_RESULTS_COMMENT = ': prompt_filter_results follow with the next chunk';

/**
 * Azure starts a chat or completions stream with a chunk that has `choices: []`, empty `id`/`model`
 * and the `prompt_filter_results` (recorded in fixtures/upstream/azure); clients that read `choices[0]` crash
 * on it. This rewriter replaces such chunks with an SSE comment (FILTER_RESULTS_COMMENT) and moves their
 * `prompt_filter_results` onto the next chunk that has choices, so the detail survives. The usage chunk (`choices: []` with `usage`, from
 * `stream_options.include_usage`) is kept. Every other event passes byte for byte.
 */
export function createAzureChunkFilter(): SseEventRewriter {
  let pendingFilterResults: unknown;
  const filter: SseEventRewriter = (event) => {
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
      if (chunk.prompt_filter_results === undefined) return undefined;
      pendingFilterResults = chunk.prompt_filter_results;
      return FILTER_RESULTS_COMMENT;
    }
    if (pendingFilterResults === undefined) return event;
    const merged = {
      ...chunk,
      prompt_filter_results: chunk.prompt_filter_results ?? pendingFilterResults,
    };
    pendingFilterResults = undefined;
    return `data: ${JSON.stringify(merged)}`;
  };
  // The byte-level twin of the pre-check above: lets the SSE transform pass ordinary chunks on
  // without decoding them.
  filter.mayRewrite = (bytes, start, end) =>
    pendingFilterResults !== undefined || hasEmptyChoices(bytes, start, end);
  return filter;
}

const CHOICES_KEY = Buffer.from('"choices"');
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether `bytes[start, end)` may match EMPTY_CHOICES. Never false when the regex would match:
 * a non-ASCII byte where whitespace may stand counts as a match (the regex's `\s` includes
 * Unicode spaces), so such rare events simply take the decoding path.
 */
function hasEmptyChoices(bytes: Buffer, start: number, end: number): boolean {
  for (let from = start; ; ) {
    const key = bytes.indexOf(CHOICES_KEY, from);
    if (key === -1 || key + CHOICES_KEY.length > end) return false;
    let at = skipSpace(bytes, key + CHOICES_KEY.length, end);
    if (at === -1) return true;
    if (at < end && bytes[at] === COLON) {
      at = skipSpace(bytes, at + 1, end);
      if (at === -1) return true;
      if (at < end && bytes[at] === OPEN_BRACKET) {
        at = skipSpace(bytes, at + 1, end);
        if (at === -1 || (at < end && bytes[at] === CLOSE_BRACKET)) return true;
      }
    }
    from = key + 1;
  }
}

/** The first index in `[from, end)` that is not ASCII whitespace (`end` if none); -1 at a non-ASCII byte. */
function skipSpace(bytes: Buffer, from: number, end: number): number {
  let at = from;
  while (at < end) {
    const byte = bytes[at] as number;
    if (byte >= 0x80) return -1;
    if (byte !== 0x20 && (byte < 0x09 || byte > 0x0d)) return at;
    at++;
  }
  return end;
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
