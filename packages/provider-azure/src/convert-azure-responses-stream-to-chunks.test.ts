import type {
  ChatCompletionChunk,
  CompletionUsage,
  ResponseStreamEvent,
  UpstreamApiError,
} from '@multi-ai-proxy/core';
import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import {
  type ConvertAzureResponsesStreamOptions,
  convertAzureResponsesStreamToChunks,
} from './convert-azure-responses-stream-to-chunks.js';

/** A recorded stream: one event's JSON per line. */
const recording = (name: string): ResponseStreamEvent[] =>
  readUpstreamFixture('azure', name)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ResponseStreamEvent);

async function* replay(events: ResponseStreamEvent[]): AsyncGenerator<ResponseStreamEvent> {
  yield* events;
}

async function collect(
  events: ResponseStreamEvent[],
  options: Partial<ConvertAzureResponsesStreamOptions> = {},
): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of convertAzureResponsesStreamToChunks(replay(events), {
    model: 'codex',
    provider: 'azure',
    ...options,
  }))
    chunks.push(chunk);
  return chunks;
}

const deltas = (chunks: ChatCompletionChunk[]) =>
  chunks.filter((chunk) => chunk.choices.length > 0).map((chunk) => chunk.choices[0]?.delta);
const finishes = (chunks: ChatCompletionChunk[]) =>
  chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? null);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: UpstreamApiError) => error,
  );

describe('convertAzureResponsesStreamToChunks', () => {
  it('turns the recorded text stream into role, content and finish chunks named after the response', async () => {
    const events = recording('responses.text.chunks.txt');
    const chunks = await collect(events);
    const created = events[0]?.response as { id: string; created_at: number };
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'Hello' },
      {},
    ]);
    expect(finishes(chunks)).toEqual([null, null, 'stop']);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: `chatcmpl-${created.id}`,
        object: 'chat.completion.chunk',
        created: created.created_at,
        model: 'codex',
      });
      expect(chunk).not.toHaveProperty('usage');
    }
  });

  it('turns the recorded tool-call stream into one tool call: id and name first, then the argument deltas, finish tool_calls', async () => {
    const events = recording('responses.tool-call.chunks.txt');
    const argumentDeltas = events
      .filter((event) => event.type === 'response.function_call_arguments.delta')
      .map((event) => event.delta);
    const chunks = await collect(events);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      {
        tool_calls: [
          {
            index: 0,
            id: 'call_H5DxLSFnsGhiROnUiDHmgyc8',
            type: 'function',
            function: { name: 'weather', arguments: '' },
          },
        ],
      },
      ...argumentDeltas.map((delta) => ({
        tool_calls: [{ index: 0, function: { arguments: delta } }],
      })),
      {},
    ]);
    expect(argumentDeltas.join('')).toBe('{"location":"San Francisco"}');
    expect(finishes(chunks).at(-1)).toBe('tool_calls');
  });

  it('adds the usage chunk (with cached and reasoning tokens) when asked, and reports the usage either way', async () => {
    const events = recording('responses.tool-call.chunks.txt');
    const completed = events.at(-1) as ResponseStreamEvent & {
      response: { usage: Record<string, unknown> };
    };
    expect(completed.type).toBe('response.completed');
    const withDetails = {
      ...completed,
      response: {
        ...completed.response,
        usage: {
          ...completed.response.usage,
          input_tokens_details: { cached_tokens: 7 },
          output_tokens_details: { reasoning_tokens: 5 },
        },
      },
    };
    const reported: CompletionUsage[] = [];
    const chunks = await collect([...events.slice(0, -1), withDetails], {
      includeUsage: true,
      onUsage: (usage) => reported.push(usage),
    });
    const usage = {
      prompt_tokens: 45,
      completion_tokens: 24,
      total_tokens: 69,
      prompt_tokens_details: { cached_tokens: 7 },
      completion_tokens_details: { reasoning_tokens: 5 },
    };
    expect(chunks.at(-1)).toEqual({
      id: chunks[0]?.id,
      object: 'chat.completion.chunk',
      created: chunks[0]?.created,
      model: 'codex',
      choices: [],
      usage,
    });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
    expect(reported).toEqual([usage]);
    const silent: CompletionUsage[] = [];
    const plain = await collect(events, { onUsage: (value) => silent.push(value) });
    expect(plain.every((chunk) => chunk.choices.length === 1)).toBe(true);
    expect(silent).toHaveLength(1);
  });

  it('sends arguments that arrive only with .done (no deltas) once, and a call seen only when done whole', async () => {
    const events = recording('responses.tool-call.chunks.txt').filter(
      (event) => event.type !== 'response.function_call_arguments.delta',
    );
    expect(deltas(await collect(events)).slice(1, 3)).toEqual([
      {
        tool_calls: [
          {
            index: 0,
            id: 'call_H5DxLSFnsGhiROnUiDHmgyc8',
            type: 'function',
            function: { name: 'weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"location":"San Francisco"}' } }] },
    ]);
    const doneOnly = recording('responses.tool-call.chunks.txt').filter(
      (event) =>
        !event.type.startsWith('response.function_call_arguments') &&
        event.type !== 'response.output_item.added',
    );
    expect(deltas(await collect(doneOnly)).slice(1, 3)).toEqual([
      {
        tool_calls: [
          {
            index: 0,
            id: 'call_H5DxLSFnsGhiROnUiDHmgyc8',
            type: 'function',
            function: { name: 'weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"location":"San Francisco"}' } }] },
    ]);
  });

  it('passes reasoning summary deltas as reasoning_content and maps an incomplete answer to length or content_filter', async () => {
    const [created, inProgress] = recording('responses.text.chunks.txt');
    const base = [
      created,
      inProgress,
      {
        type: 'response.reasoning_summary_text.delta',
        sequence_number: 2,
        item_id: 'rs_1',
        output_index: 0,
        summary_index: 0,
        delta: 'Thinking',
      },
    ] as ResponseStreamEvent[];
    const incomplete = (reason: string): ResponseStreamEvent => ({
      type: 'response.incomplete',
      sequence_number: 3,
      response: { status: 'incomplete', incomplete_details: { reason }, usage: null },
    });
    const chunks = await collect([...base, incomplete('max_output_tokens')]);
    expect(deltas(chunks)[1]).toEqual({ reasoning_content: 'Thinking' });
    expect(finishes(chunks).at(-1)).toBe('length');
    expect(finishes(await collect([...base, incomplete('content_filter')])).at(-1)).toBe(
      'content_filter',
    );
  });

  it('throws an error event, a response.failed event, and a stream that ends before a terminal event', async () => {
    const events = recording('responses.text.chunks.txt');
    const midway = events.slice(0, 5);
    const error = await failure(
      collect([
        ...midway,
        {
          type: 'error',
          sequence_number: 5,
          code: 'rate_limit_exceeded',
          message: 'Slow down',
          param: null,
        },
      ]),
    );
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limit_exceeded',
      message: expect.stringContaining('Slow down'),
    });
    const failed = await failure(
      collect([
        ...midway,
        {
          type: 'response.failed',
          sequence_number: 5,
          response: { status: 'failed', error: { code: 'server_error', message: 'Model crashed' } },
        },
      ]),
    );
    expect(failed).toMatchObject({
      status: 502,
      code: 'server_error',
      message: expect.stringContaining('Model crashed'),
    });
    const cut = await failure(collect(midway));
    expect(cut).toMatchObject({ status: 502, code: 'bad_upstream_response' });
  });
});
