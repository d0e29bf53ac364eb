import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type SseEvent = EventSourceMessage;

/**
 * Server-sent events from a byte stream, one at a time as they complete. Built on eventsource-parser
 * (spec-compliant: CRLF, multi-line data, comments, no line-length limit).
 */
export async function* parseSseStream(
  source: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<SseEvent> {
  const pending: SseEvent[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event) });
  const decoder = new TextDecoder();
  for await (const chunk of source) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    while (pending.length > 0) yield pending.shift() as SseEvent;
  }
  parser.feed(decoder.decode());
  // A final event without its blank line still counts (some upstreams end abruptly).
  parser.feed('\n\n');
  while (pending.length > 0) yield pending.shift() as SseEvent;
}
