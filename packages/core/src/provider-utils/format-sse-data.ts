/** One SSE event carrying JSON, as OpenAI writes them. */
export function formatSseData(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/** The terminator OpenAI clients wait for. */
export const SSE_DONE = 'data: [DONE]\n\n';

/** Headers for an SSE response: no caching, no proxy buffering (nginx), no compression. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};
