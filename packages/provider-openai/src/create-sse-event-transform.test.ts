import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createSseEventTransform } from './create-sse-event-transform.js';

async function run(parts: string[], rewrite: (event: string) => string | undefined): Promise<string[]> {
  const transform = createSseEventTransform(rewrite);
  const outputs: string[] = [];
  Readable.from(parts.map((part) => Buffer.from(part))).pipe(transform);
  for await (const chunk of transform) outputs.push(chunk.toString());
  return outputs;
}

describe('createSseEventTransform', () => {
  it('passes events through byte for byte, split across chunk boundaries and CRLF separators', async () => {
    const outputs = await run(['data: {"a":1}\n', '\ndata: {"b":', '2}\r\n\r\ndata: [DONE]\n\n'], (event) => event);
    expect(outputs.join('')).toBe('data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n');
  });

  it('drops and rewrites events, and flushes a final event without its blank line', async () => {
    const outputs = await run(['data: drop\n\ndata: keep\n\n: comment\n\ndata: last'], (event) => (event === 'data: drop' ? undefined : event.toUpperCase()));
    expect(outputs.join('')).toBe('DATA: KEEP\n\n: COMMENT\n\nDATA: LAST\n\n');
  });

  it('keeps multi-byte characters split between chunks intact', async () => {
    const bytes = Buffer.from('data: {"t":"’m"}\n\n');
    const transform = createSseEventTransform((event) => event);
    const collected: Buffer[] = [];
    transform.on('data', (chunk: Buffer) => collected.push(Buffer.from(chunk)));
    transform.write(bytes.subarray(0, 14));
    transform.end(bytes.subarray(14));
    await new Promise((resolve) => transform.on('end', resolve));
    expect(Buffer.concat(collected).toString()).toBe('data: {"t":"’m"}\n\n');
  });
});
