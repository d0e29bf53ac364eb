import { describe, expect, it } from 'vitest';
import { parseSseStream } from './parse-sse-stream.js';

async function collect(parts: string[]) {
  const encoder = new TextEncoder();
  const events = [];
  for await (const event of parseSseStream(
    (async function* () {
      for (const part of parts) yield encoder.encode(part);
    })(),
  ))
    events.push(event);
  return events;
}

describe('parseSseStream', () => {
  it('yields events split across chunks, with CRLF, comments and named events', async () => {
    const events = await collect([
      'data: {"a"',
      ':1}\r\n\r\n: keep-alive\n\nevent: response.completed\ndata: x\n',
      'data: y\n\n',
    ]);
    expect(events.map((event) => [event.event, event.data])).toEqual([
      [undefined, '{"a":1}'],
      ['response.completed', 'x\ny'],
    ]);
  });

  it('keeps multi-byte characters cut between chunks', async () => {
    const bytes = new TextEncoder().encode('data: héllo\n\n');
    const events = [];
    for await (const event of parseSseStream(
      (async function* () {
        yield bytes.slice(0, 8);
        yield bytes.slice(8);
      })(),
    ))
      events.push(event.data);
    expect(events).toEqual(['héllo']);
  });

  it('yields a final event that lacks its blank line', async () => {
    expect((await collect(['data: last'])).map((event) => event.data)).toEqual(['last']);
  });

  it('handles lines longer than 64 KiB', async () => {
    const long = 'x'.repeat(70_000);
    expect((await collect([`data: ${long}\n\n`]))[0]?.data.length).toBe(70_000);
  });
});
