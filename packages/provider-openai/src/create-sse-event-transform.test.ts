import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StringDecoder } from 'node:string_decoder';
import { createSseEventTransform, type SseEventRewriter } from './create-sse-event-transform.js';

/** Feeds `parts` one write at a time and collects every pushed chunk. */
async function collect(parts: Buffer[], rewrite: SseEventRewriter): Promise<Buffer[]> {
  const transform = createSseEventTransform(rewrite);
  const outputs: Buffer[] = [];
  transform.on('data', (chunk: Buffer) => outputs.push(chunk));
  const ended = new Promise((resolve, reject) => {
    transform.on('end', resolve);
    transform.on('error', reject);
  });
  for (const part of parts) transform.write(part);
  transform.end();
  await ended;
  return outputs;
}

/** `bytes` cut at the given offsets. */
function cut(bytes: Buffer, offsets: number[]): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    parts.push(bytes.subarray(start, offset));
    start = offset;
  }
  return parts;
}

/**
 * The previous string-based implementation (StringDecoder + `/\r?\n\r?\n/g`), kept here as the
 * oracle: the byte-level transform must write exactly what it wrote, for any chunking.
 */
function referenceTransform(
  parts: Buffer[],
  rewrite: (event: string) => string | undefined,
): string {
  const decoder = new StringDecoder('utf8');
  const separator = /\r?\n\r?\n/g;
  const emit = (event: string) => {
    if (event === '') return '';
    const rewritten = rewrite(event);
    return rewritten === undefined ? '' : `${rewritten}\n\n`;
  };
  let pending = '';
  let output = '';
  for (const part of parts) {
    separator.lastIndex = Math.max(0, pending.length - 3);
    pending += decoder.write(part);
    let start = 0;
    for (let match = separator.exec(pending); match !== null; match = separator.exec(pending)) {
      output += emit(pending.slice(start, match.index));
      start = match.index + match[0].length;
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  const rest = pending.replace(/\s+$/, '');
  return rest === '' ? output : output + emit(rest);
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure is reproducible. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function run(
  parts: string[],
  rewrite: (event: string) => string | undefined,
): Promise<string[]> {
  const transform = createSseEventTransform(rewrite);
  const outputs: string[] = [];
  Readable.from(parts.map((part) => Buffer.from(part))).pipe(transform);
  for await (const chunk of transform) outputs.push(chunk.toString());
  return outputs;
}

describe('createSseEventTransform', () => {
  it('passes events through byte for byte, split across chunk boundaries and CRLF separators', async () => {
    const outputs = await run(
      ['data: {"a":1}\n', '\ndata: {"b":', '2}\r\n\r\ndata: [DONE]\n\n'],
      (event) => event,
    );
    expect(outputs.join('')).toBe('data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n');
  });

  it('drops and rewrites events, and flushes a final event without its blank line', async () => {
    const outputs = await run(['data: drop\n\ndata: keep\n\n: comment\n\ndata: last'], (event) =>
      event === 'data: drop' ? undefined : event.toUpperCase(),
    );
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

  it('hands a chunk of whole unchanged events on as the same Buffer (no copy) when the rewriter says it keeps them', async () => {
    const rewrite: SseEventRewriter = (event) => event;
    rewrite.mayRewrite = () => false;
    const chunk = Buffer.from('data: {"a":1}\n\ndata: {"b":2}\n\n');
    const outputs = await collect([chunk], rewrite);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toBe(chunk);
  });

  it('asks mayRewrite about each event exactly, and decodes only the events it may rewrite', async () => {
    const asked: string[] = [];
    const decoded: string[] = [];
    const rewrite: SseEventRewriter = (event) => {
      decoded.push(event);
      return event.includes('fix') ? 'data: fixed' : event;
    };
    rewrite.mayRewrite = (bytes, start, end) => {
      asked.push(bytes.toString('utf8', start, end));
      return bytes.subarray(start, end).includes('fix');
    };
    const input = Buffer.from('data: 1\n\ndata: fix\r\n\r\ndata: 2\r\nid: 7\n\n\n\ndata: 3\n\n');
    const outputs = await collect(cut(input, [3, 12, 30]), rewrite);
    expect(asked).toEqual(['data: 1', 'data: fix', 'data: 2\r\nid: 7', 'data: 3']);
    expect(decoded).toEqual(['data: fix']);
    expect(Buffer.concat(outputs).toString()).toBe(
      'data: 1\n\ndata: fixed\n\ndata: 2\r\nid: 7\n\ndata: 3\n\n',
    );
  });

  it('normalises CRLF separators to \\n\\n and keeps CRLF inside an event, split at every byte', async () => {
    const input = Buffer.from('data: {"a":1}\r\nid: 1\r\n\r\n: ping\r\n\r\ndata: [DONE]\r\n\r\n');
    const expected = 'data: {"a":1}\r\nid: 1\n\n: ping\n\ndata: [DONE]\n\n';
    const keepAll: SseEventRewriter = (event) => event;
    keepAll.mayRewrite = () => false;
    for (let offset = 0; offset <= input.length; offset++) {
      for (const rewrite of [(event: string) => event, keepAll]) {
        const outputs = await collect(cut(input, [offset]), rewrite);
        expect(Buffer.concat(outputs).toString(), `split at ${offset}`).toBe(expected);
      }
    }
  });

  it('keeps a multi-byte character split at each of its bytes intact, on the pass-through and the decoding path', async () => {
    const input = Buffer.from('data: {"t":"I’m 🙂"}\n\n');
    const keepAll: SseEventRewriter = (event) => event;
    keepAll.mayRewrite = () => false;
    const decodeAll: SseEventRewriter = (event) => `${event} ✓`;
    for (let offset = 1; offset < input.length; offset++) {
      expect(
        Buffer.concat(await collect(cut(input, [offset]), keepAll)).toString(),
        `split at ${offset}`,
      ).toBe('data: {"t":"I’m 🙂"}\n\n');
      expect(
        Buffer.concat(await collect(cut(input, [offset]), decodeAll)).toString(),
        `split at ${offset}`,
      ).toBe('data: {"t":"I’m 🙂"} ✓\n\n');
    }
  });

  it('writes what the previous string-based implementation wrote, for random inputs and chunkings', async () => {
    const random = createRandom(20261130);
    const pieces = [
      'data: ',
      '{"a":1}',
      '\n',
      '\r',
      '\r\n',
      '\n\n',
      'x',
      ': c',
      ' ',
      'é',
      '🙂',
      'id: 2',
      'fix',
    ];
    const rewriters: { name: string; create: () => SseEventRewriter }[] = [
      { name: 'keep', create: () => (event) => event },
      {
        name: 'keep, with mayRewrite false',
        create: () => {
          const rewrite: SseEventRewriter = (event) => event;
          rewrite.mayRewrite = () => false;
          return rewrite;
        },
      },
      {
        name: 'drop or replace events containing "fix", stateful',
        create: () => {
          let count = 0;
          const rewrite: SseEventRewriter = (event) => {
            if (!event.includes('fix')) return event;
            count++;
            return count % 2 === 0 ? undefined : `data: fixed ${count}`;
          };
          rewrite.mayRewrite = (bytes, start, end) => bytes.subarray(start, end).includes('fix');
          return rewrite;
        },
      },
    ];
    for (let round = 0; round < 400; round++) {
      let text = '';
      const count = 1 + Math.floor(random() * 30);
      for (let i = 0; i < count; i++) text += pieces[Math.floor(random() * pieces.length)];
      const input = Buffer.from(text);
      const offsets: number[] = [];
      for (let at = 0; at < input.length; at += 1 + Math.floor(random() * 6))
        if (at > 0) offsets.push(at);
      for (const { name, create } of rewriters) {
        const parts = cut(input, offsets);
        const actual = Buffer.concat(await collect(parts, create())).toString();
        expect(actual, `${name}: ${JSON.stringify(text)} cut at ${offsets.join(',')}`).toBe(
          referenceTransform(parts, create()),
        );
      }
    }
  });

  it('reports an error thrown by the rewriter as a stream error', async () => {
    const rewrite: SseEventRewriter = () => {
      throw new Error('boom');
    };
    await expect(collect([Buffer.from('data: 1\n\n')], rewrite)).rejects.toThrow('boom');
  });
});
