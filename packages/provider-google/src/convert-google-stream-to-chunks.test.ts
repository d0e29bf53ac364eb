import type { ChatCompletionChunk } from '@multi-ai-proxy/core';
import { GatewayError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import {
  collect,
  fromArray,
  readChunkLines,
  readFixtureText,
  readRecording,
} from '../test/support/read-fixture.js';
import { convertGoogleStreamToChunks } from './convert-google-stream-to-chunks.js';
import type { GoogleGenerateContentResponse } from './google-api-types.js';
import { parseGoogleSseStream } from './parse-google-sse-stream.js';
import { decodeToolCallId } from './tool-call-id-codec.js';

const options = { model: 'gemini-test', provider: 'google', id: 'chatcmpl-1', created: 1700000000 };

async function fromSse(
  name: string,
  extra: { includeUsage?: boolean } = {},
): Promise<ChatCompletionChunk[]> {
  return collect(
    convertGoogleStreamToChunks(parseGoogleSseStream(fromArray([readFixtureText(name)])), {
      ...options,
      ...extra,
    }),
  );
}

async function fromEvents(
  events: unknown[],
  extra: { includeUsage?: boolean } = {},
): Promise<ChatCompletionChunk[]> {
  return collect(
    convertGoogleStreamToChunks(fromArray(events as GoogleGenerateContentResponse[]), {
      ...options,
      ...extra,
    }),
  );
}

const deltas = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta);
const finishes = (chunks: ChatCompletionChunk[]) =>
  chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? null);

describe('convertGoogleStreamToChunks', () => {
  it('streams the recorded CRLF SSE text: role first, one delta per event, finish last, one id', async () => {
    const chunks = await fromSse('streamGenerateContent.text.sse.txt');
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'The' },
      { content: ' capital of Wyoming' },
      { content: ' is **Cheyenne**.\n' },
      {},
    ]);
    expect(finishes(chunks)).toEqual([null, null, null, null, 'stop']);
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['chatcmpl-1']));
    expect(
      chunks.every(
        (chunk) =>
          chunk.object === 'chat.completion.chunk' &&
          chunk.model === 'gemini-test' &&
          !('usage' in chunk),
      ),
    ).toBe(true);
  });

  it('adds the usage-only chunk with include_usage (usage null on the others)', async () => {
    const chunks = await fromSse('streamGenerateContent.text.sse.txt', { includeUsage: true });
    const last = chunks[chunks.length - 1] as ChatCompletionChunk;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: 10,
      total_tokens: 17,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('reports the usage once at the end even when the client did not ask for the usage chunk (telemetry)', async () => {
    const reported: unknown[] = [];
    const chunks = await collect(
      convertGoogleStreamToChunks(
        parseGoogleSseStream(fromArray([readFixtureText('streamGenerateContent.text.sse.txt')])),
        { ...options, onUsage: (usage) => reported.push(usage) },
      ),
    );
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
    expect(reported).toEqual([
      {
        prompt_tokens: 7,
        completion_tokens: 10,
        total_tokens: 17,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    ]);
  });

  it('streams the recorded 2.5 Flash stream cut at MAX_TOKENS with cumulative usage from the last event', async () => {
    const events = readRecording('streamGenerateContent.text.recording.json').response;
    const chunks = await fromEvents(events, { includeUsage: true });
    expect(finishes(chunks).filter(Boolean)).toEqual(['length']);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBe(3);
    expect(chunks[chunks.length - 1]?.usage).toMatchObject({
      prompt_tokens: 7,
      completion_tokens: 198,
      total_tokens: 205,
    });
  });

  it('streams Gemini 3 text (chunks fixture) and skips the empty signature part', async () => {
    const chunks = await fromEvents(
      readChunkLines('streamGenerateContent.text.gemini-3-pro.chunks.txt'),
    );
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'There are **3**' },
      { content: ' "r"s in strawberry.\n\nst**r**awbe**rr**y' },
      {},
    ]);
    expect(finishes(chunks)).toEqual([null, null, null, 'stop']);
  });

  it('streams the Gemini 3 reasoning fixture with thinking counted in usage', async () => {
    const chunks = await fromEvents(
      readChunkLines('streamGenerateContent.reasoning.gemini-3-pro.chunks.txt'),
      { includeUsage: true },
    );
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.',
    );
    expect(chunks[chunks.length - 1]?.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 285,
      total_tokens: 294,
      completion_tokens_details: { reasoning_tokens: 256 },
    });
  });

  it('streams a Gemini 3 function call as one tool call delta with index 0 and the signature in its id', async () => {
    const events = readChunkLines<GoogleGenerateContentResponse>(
      'streamGenerateContent.function-call.gemini-3-pro.chunks.txt',
    );
    const chunks = await fromEvents(events);
    const toolDelta = chunks[1]?.choices[0]?.delta.tool_calls?.[0];
    expect(toolDelta).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
    });
    expect(decodeToolCallId(toolDelta?.id as string).thoughtSignature).toBe(
      events[0]?.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature,
    );
    expect(finishes(chunks)).toEqual([null, null, 'tool_calls']);
  });

  it('streams thought summaries as reasoning_content before the tool call (recorded SSE)', async () => {
    const chunks = await fromSse('streamGenerateContent.thinking-function-call.sse.txt');
    expect(chunks[1]?.choices[0]?.delta.reasoning_content).toMatch(/^\*\*Calculating the Days\*\*/);
    expect(chunks[2]?.choices[0]?.delta.reasoning_content).toMatch(
      /^\*\*Determining the Approach\*\*/,
    );
    expect(chunks[1]?.choices[0]?.delta.content).toBeUndefined();
    expect(chunks[3]?.choices[0]?.delta.tool_calls?.[0]).toMatchObject({
      index: 0,
      function: { name: 'now', arguments: '{}' },
    });
    expect(finishes(chunks).at(-1)).toBe('tool_calls');
  });

  it('streams the recorded 2.0 Flash function call (no id, no signature) with a generated call_ id', async () => {
    const chunks = await fromEvents(
      readRecording('streamGenerateContent.function-call.recording.json').response,
    );
    const call = chunks[1]?.choices[0]?.delta.tool_calls?.[0];
    expect(call?.id).toMatch(/^call_[A-Za-z0-9_-]+$/);
    expect(call?.function).toEqual({
      name: 'customDivide',
      arguments: '{"denominator":2,"numerator":100}',
    });
  });

  it('ends a recitation stream with content_filter after the text that came before it', async () => {
    const chunks = await fromSse('streamGenerateContent.recitation-no-content.sse.txt');
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'text1text2text3text4text5text6text7text8',
    );
    expect(finishes(chunks).at(-1)).toBe('content_filter');
    expect(finishes(chunks).filter(Boolean)).toHaveLength(1);
  });

  it('turns a prompt blocked at the start of a stream into a refusal with content_filter', async () => {
    const chunks = await fromSse('streamGenerateContent.prompt-blocked-safety.sse.txt');
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { refusal: 'The prompt was blocked by Gemini (blockReason SAFETY).' },
      {},
    ]);
    expect(finishes(chunks)).toEqual([null, null, 'content_filter']);
  });

  it('throws the error that arrives in the middle of a stream after forwarding what came before (Vertex recording)', async () => {
    const received: ChatCompletionChunk[] = [];
    const stream = convertGoogleStreamToChunks(
      parseGoogleSseStream(
        fromArray([readFixtureText('vertex/streamGenerateContent.error-mid-stream.sse.txt')]),
      ),
      options,
    );
    const error = await (async () => {
      try {
        for await (const chunk of stream) received.push(chunk);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(deltas(received)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'First ' },
      { content: 'Second ' },
    ]);
    expect(GatewayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 499,
      message: 'The operation was cancelled.',
      code: 'CANCELLED',
    });
  });

  it('assembles Vertex streamed function call arguments (partialArgs) into whole calls', async () => {
    const events = readChunkLines<GoogleGenerateContentResponse>(
      'vertex/streamGenerateContent.partialArgs.gemini-3.1-pro.chunks.txt',
    );
    const chunks = await fromEvents(events);
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    // Only the first call of the recording carries a thought signature; it must survive in that call's id.
    const recordedSignature = events[0]?.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature;
    expect(recordedSignature).toMatch(/^CiMB/);
    expect(decodeToolCallId(toolDeltas[0]?.id as string).thoughtSignature).toBe(recordedSignature);
    expect(decodeToolCallId(toolDeltas[2]?.id as string).thoughtSignature).toBeUndefined();
    expect(toolDeltas.map(({ id: _id, ...rest }) => rest)).toEqual([
      // Google's OpenAI-compatible layer also carries it as extra_content, on the delta that opens the call.
      {
        index: 0,
        type: 'function',
        function: { name: 'getWeather', arguments: '' },
        extra_content: { google: { thought_signature: recordedSignature } },
      },
      { index: 0, function: { arguments: '{"location":"Boston"}' } },
      { index: 1, type: 'function', function: { name: 'getWeather', arguments: '' } },
      { index: 1, function: { arguments: '{"location":"San Francisco"}' } },
    ]);
    expect(finishes(chunks).at(-1)).toBe('tool_calls');
  });

  it('reads partialArgs of a call that arrives whole in one event (name + partialArgs, no willContinue; Vertex recording)', async () => {
    const recording = readRecording(
      'vertex/streamGenerateContent.streamFunctionCallArguments.recording.json',
    );
    const events = recording.response as GoogleGenerateContentResponse[];
    const chunks = await fromEvents(events, { includeUsage: true });
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas).toHaveLength(1);
    expect(toolDeltas[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'customDivide' },
    });
    expect(JSON.parse(toolDeltas[0]?.function?.arguments as string)).toEqual({
      denominator: 2,
      numerator: 100,
    });
    expect(decodeToolCallId(toolDeltas[0]?.id as string).thoughtSignature).toBe(
      events[0]?.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature,
    );
    expect(finishes(chunks).filter(Boolean)).toEqual(['tool_calls']);
  });

  it('reports several candidates (n > 1) as separate choice indexes, each finished once (synthetic: no n>1 recording)', async () => {
    const chunks = await fromEvents([
      {
        candidates: [
          { index: 0, content: { parts: [{ text: 'A' }] } },
          { index: 1, content: { parts: [{ text: 'B' }] } },
        ],
      },
      {
        candidates: [
          { index: 0, finishReason: 'STOP' },
          { index: 1, finishReason: 'MAX_TOKENS' },
        ],
      },
    ]);
    const finished = chunks
      .filter((chunk) => chunk.choices[0]?.finish_reason)
      .map((chunk) => [chunk.choices[0]?.index, chunk.choices[0]?.finish_reason]);
    expect(finished).toEqual([
      [0, 'stop'],
      [1, 'length'],
    ]);
  });
});
