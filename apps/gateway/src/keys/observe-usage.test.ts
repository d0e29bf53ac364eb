import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { observeUsage } from './observe-usage.js';
import type { TokenUsage } from './token-usage.js';

const sink = () => {
  const seen: TokenUsage[] = [];
  return { seen, recordUsage: (usage: TokenUsage) => seen.push(usage) };
};
const usageChunk =
  'data: {"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":7,"total_tokens":27,"prompt_tokens_details":{"cached_tokens":4}}}\n\n';
const contentChunk =
  'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hé"}}],"usage":null}\n\n';

describe('observeUsage', () => {
  it('reads the usage chunk of a raw SSE stream split anywhere, and drops it when the client did not ask', async () => {
    const bytes = Buffer.from(contentChunk + usageChunk + 'data: [DONE]\n\n');
    // Split inside the multi-byte "é" and inside the usage event.
    const pieces = [bytes.subarray(0, 95), bytes.subarray(95, 200), bytes.subarray(200)];
    for (const strip of [true, false]) {
      const observer = sink();
      const result = observeUsage(
        {
          kind: 'raw',
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          body: Readable.from(pieces),
        },
        observer,
        strip,
      );
      const out = await text((result as { body: Readable }).body);
      expect(out).toBe(
        strip ? contentChunk + 'data: [DONE]\n\n' : contentChunk + usageChunk + 'data: [DONE]\n\n',
      );
      expect(observer.seen).toEqual([{ prompt: 20, completion: 7, cached: 4, reasoning: 0 }]);
    }
  });

  it('reads usage from object chunks and hides the usage fields when stripping', async () => {
    async function* chunks() {
      yield { choices: [{ index: 0, delta: { content: 'x' } }], usage: null };
      yield {
        choices: [],
        usage: {
          prompt_tokens: 3,
          completion_tokens: 2,
          completion_tokens_details: { reasoning_tokens: 1 },
        },
      };
    }
    const observer = sink();
    const result = observeUsage({ kind: 'chunks', chunks: chunks() }, observer, true);
    const seen: unknown[] = [];
    for await (const chunk of (result as { chunks: AsyncIterable<unknown> }).chunks)
      seen.push(chunk);
    expect(seen).toEqual([{ choices: [{ index: 0, delta: { content: 'x' } }] }]);
    expect(observer.seen).toEqual([{ prompt: 3, completion: 2, cached: 0, reasoning: 1 }]);
  });

  it('finds the usage of buffered JSON answers without parsing the whole body', () => {
    const observer = sink();
    const body = Buffer.from(
      JSON.stringify({
        id: 'x',
        choices: [{ message: { content: '"usage": {oops' } }],
        usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
      }),
    );
    observeUsage(
      { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body },
      observer,
      false,
    );
    expect(observer.seen).toEqual([{ prompt: 9, completion: 1, cached: 0, reasoning: 0 }]);
  });
});
