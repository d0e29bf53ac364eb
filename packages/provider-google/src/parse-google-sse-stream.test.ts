import { describe, expect, it } from 'vitest';
import { collect, fromArray, readFixtureText } from '../test/support/read-fixture.js';
import { parseGoogleSseStream } from './parse-google-sse-stream.js';

describe('parseGoogleSseStream', () => {
  it('parses the recorded CRLF stream fed one byte at a time (CRLF split across reads)', async () => {
    const text = readFixtureText('streamGenerateContent.text.sse.txt');
    const bytes = [...Buffer.from(text)].map((byte) => Uint8Array.of(byte));
    const events = await collect(parseGoogleSseStream(fromArray(bytes)));
    expect(events.map((event) => event.candidates?.[0]?.content?.parts?.[0]?.text)).toEqual([
      'The',
      ' capital of Wyoming',
      ' is **Cheyenne**.\n',
    ]);
  });

  it('yields the bare JSON error object that follows the events (Vertex recording)', async () => {
    const events = await collect(
      parseGoogleSseStream(
        fromArray([readFixtureText('vertex/streamGenerateContent.error-mid-stream.sse.txt')]),
      ),
    );
    expect(events).toHaveLength(3);
    expect(events[2]?.error).toMatchObject({ code: 499, status: 'CANCELLED' });
  });

  it('handles multi-line data, comments and a last event without its blank line (synthetic)', async () => {
    const events = await collect(
      parseGoogleSseStream(
        fromArray([': keep-alive\n', 'data: {"a":\n', 'data: 1}\n\n', 'event: x\ndata: {"b":2}']),
      ),
    );
    expect(events).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('throws a 502 OpenAI error for an event that is not JSON', async () => {
    await expect(
      collect(parseGoogleSseStream(fromArray(['data: <html>\n\n']))),
    ).rejects.toMatchObject({ status: 502, code: 'bad_upstream_response' });
  });
});
