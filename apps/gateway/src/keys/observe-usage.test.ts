import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { observeUsage } from './observe-usage.js';
import type { UsagePart } from './token-usage.js';

const sink = () => {
  const seen: UsagePart[] = [];
  const state = { ends: 0 };
  return {
    seen,
    state,
    recordUsage: (usage: UsagePart) => void seen.push(usage),
    end: () => {
      state.ends += 1;
    },
  };
};
const sse = (events: unknown[]) =>
  events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');
const rawSse = (text: string) => ({
  kind: 'raw' as const,
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  body: Readable.from([Buffer.from(text)]),
});
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
      expect(observer.seen).toEqual([{ prompt: 20, completion: 7, cached: 4 }]);
      expect(observer.state.ends).toBe(1);
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
    expect(observer.seen).toEqual([{ prompt: 3, completion: 2, reasoning: 1 }]);
    expect(observer.state.ends).toBe(1);
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
    expect(observer.seen).toEqual([{ prompt: 9, completion: 1 }]);
    expect(observer.state.ends).toBe(1);
  });

  it('reads the usage events of passthrough streams: Responses, Anthropic Messages, Gemini', async () => {
    const responses = sink();
    const responsesText = sse([
      { type: 'response.output_text.delta', delta: 'Hi' },
      {
        type: 'response.completed',
        response: {
          id: 'resp_1',
          usage: {
            input_tokens: 12,
            input_tokens_details: { cached_tokens: 2 },
            output_tokens: 30,
            output_tokens_details: { reasoning_tokens: 10 },
          },
        },
      },
    ]);
    const out = observeUsage(rawSse(responsesText), responses, false);
    expect(await text((out as { body: Readable }).body)).toBe(responsesText);
    expect(responses.seen).toEqual([{ prompt: 12, completion: 30, cached: 2, reasoning: 10 }]);
    expect(responses.state.ends).toBe(1);

    // Anthropic: the input in message_start (cache reads counted apart), the output in message_delta.
    const messages = sink();
    const messagesOut = observeUsage(
      rawSse(
        sse([
          {
            type: 'message_start',
            message: {
              id: 'msg_1',
              usage: {
                input_tokens: 5,
                cache_read_input_tokens: 20,
                cache_creation_input_tokens: 0,
                output_tokens: 1,
              },
            },
          },
          { type: 'content_block_delta', delta: { type: 'text_delta', text: 'Hi' } },
          {
            type: 'message_delta',
            delta: { stop_reason: 'end_turn' },
            usage: { output_tokens: 15 },
          },
        ]),
      ),
      messages,
      false,
    );
    await text((messagesOut as { body: Readable }).body);
    expect(messages.seen).toEqual([{ prompt: 25, completion: 1, cached: 20 }, { completion: 15 }]);

    // Gemini: running totals in every chunk; thinking counted apart from the candidates.
    const gemini = sink();
    const geminiOut = observeUsage(
      rawSse(
        sse([
          { candidates: [], usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 } },
          {
            candidates: [],
            usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 4, thoughtsTokenCount: 6 },
          },
        ]),
      ),
      gemini,
      false,
    );
    await text((geminiOut as { body: Readable }).body);
    expect(gemini.seen).toEqual([{ prompt: 8 }, { prompt: 8, completion: 10, reasoning: 6 }]);
  });

  it('passes bodies that are neither JSON nor SSE untouched and never ends the sink (the close settles)', () => {
    const observer = sink();
    const body = Readable.from([Buffer.from('RIFF....')]);
    const result = observeUsage(
      { kind: 'raw', status: 200, headers: { 'content-type': 'audio/wav' }, body },
      observer,
      false,
    );
    expect((result as { body: Readable }).body).toBe(body);
    expect(observer.state.ends).toBe(0);
  });
});
