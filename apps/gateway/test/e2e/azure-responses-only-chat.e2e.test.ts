// Chat completions for an Azure deployment served by the Responses API only (gpt-5-codex): the official
// `openai` client calls `chat.completions.create`, the Azure provider sends a Responses call to
// `/openai/v1/responses` and converts the recorded Responses answers (JSON and SSE) back. Each scenario
// asserts what the client got and what the mock Azure received.
import type { RecordedUpstreamRequest } from '@multi-ai-proxy/core/testing';
import { checkChatCompletion, checkChatCompletionChunks } from '@multi-ai-proxy/core/testing';
import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { type ProviderFleet, startProviderFleet } from '../support/start-provider-fleet.js';

const RESPONSES_PATH = /^\/openai\/v1\/responses(\?|$)/;
const MODEL = 'azure/gpt-5-codex';
const TOOLS: OpenAI.ChatCompletionFunctionTool[] = [
  {
    type: 'function',
    function: {
      name: 'weather',
      parameters: {
        type: 'object',
        properties: { location: { type: 'string' } },
        required: ['location'],
        additionalProperties: false,
      },
      strict: true,
    },
  },
];

const recordedEvents = (name: string) =>
  readUpstreamFixture('azure', name)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

let fleet: ProviderFleet;
let client: OpenAI;

beforeAll(async () => {
  fleet = await startProviderFleet();
  client = new OpenAI({ baseURL: fleet.gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
});

afterAll(async () => {
  await fleet?.stop();
});

// The recorded answer that fits the request: the tool-call recording when tools were sent, streamed or not.
beforeEach(() => {
  fleet.mocks.azure.prepend({
    method: 'POST',
    path: RESPONSES_PATH,
    reply: (request) => {
      const body = request.json() as { stream?: boolean; tools?: unknown[] };
      const kind = body.tools ? 'tool-call' : 'text';
      if (body.stream)
        return {
          headers: { 'content-type': 'text/event-stream' },
          sse: recordedEvents(`responses.${kind}.chunks.txt`),
        };
      return {
        headers: { 'content-type': 'application/json' },
        body: readUpstreamFixture('azure', `responses.${kind}.response.json`),
      };
    },
  });
});

async function azureCallsDuring(action: () => Promise<void>): Promise<RecordedUpstreamRequest[]> {
  const before = fleet.mocks.azure.requests.length;
  await action();
  return fleet.mocks.azure.requests.slice(before);
}

describe('chat completions to an Azure Responses-only deployment', () => {
  it('chat.completions.create: a chat completion from the recorded Responses answer; Azure got a Responses body', async () => {
    let completion!: OpenAI.ChatCompletion;
    const calls = await azureCallsDuring(async () => {
      completion = await client.chat.completions.create({
        model: MODEL,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Say one word.' },
        ],
        max_completion_tokens: 50,
      });
    });
    expect(checkChatCompletion(completion)).toEqual([]);
    // Named as the provider calls the model (the instance prefix is routing, not part of the name).
    expect(completion).toMatchObject({ object: 'chat.completion', model: 'gpt-5-codex' });
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { role: 'assistant', content: 'Word' },
    });
    expect(completion.usage).toMatchObject({
      prompt_tokens: 11,
      completion_tokens: 11,
      total_tokens: 22,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/openai/v1/responses');
    expect(calls[0]!.headers['api-key']).toBe('azure-e2e-key');
    expect(calls[0]!.json()).toEqual({
      model: 'gpt-5-codex',
      input: [
        { type: 'message', role: 'system', content: 'Be brief.' },
        { type: 'message', role: 'user', content: 'Say one word.' },
      ],
      max_output_tokens: 50,
      store: false,
    });
  });

  it('a tool call, then its result sent back as function_call_output linked by the call id', async () => {
    const first = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
      tools: TOOLS,
    });
    expect(checkChatCompletion(first)).toEqual([]);
    const call = first.choices[0]!.message
      .tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call).toEqual({
      id: 'call_YunNGbIwdVJ2i0y0Mybva4Pw',
      type: 'function',
      function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
    });
    const calls = await azureCallsDuring(async () => {
      await client.chat.completions.create({
        model: MODEL,
        messages: [
          { role: 'user', content: 'Weather in San Francisco?' },
          first.choices[0]!.message,
          { role: 'tool', tool_call_id: call.id, content: '18°C, fog' },
        ],
        tools: TOOLS,
      });
    });
    const body = calls[0]!.json() as { input: unknown[]; tools: unknown[] };
    expect(body.input.slice(1)).toEqual([
      {
        type: 'function_call',
        call_id: call.id,
        name: 'weather',
        arguments: '{"location":"San Francisco"}',
      },
      { type: 'function_call_output', call_id: call.id, output: '18°C, fog' },
    ]);
    expect(body.tools).toEqual([
      {
        type: 'function',
        name: 'weather',
        parameters: TOOLS[0]!.function.parameters,
        strict: true,
      },
    ]);
  });

  it('stream: role first, text deltas, finish reason, then the usage chunk when include_usage', async () => {
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    const calls = await azureCallsDuring(async () => {
      const stream = await client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Say hello.' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of stream) chunks.push(chunk);
    });
    expect(checkChatCompletionChunks(chunks, { includeUsage: true })).toEqual([]);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Hello');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { total_tokens: expect.any(Number) },
    });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(calls[0]!.json()).toMatchObject({ model: 'gpt-5-codex', stream: true, store: false });
  });

  it('stream with a tool call: id and name first, argument deltas that join to the recorded arguments', async () => {
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
      tools: TOOLS,
      stream: true,
    });
    for await (const chunk of stream) chunks.push(chunk);
    expect(checkChatCompletionChunks(chunks)).toEqual([]);
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({
      index: 0,
      id: 'call_H5DxLSFnsGhiROnUiDHmgyc8',
      type: 'function',
      function: { name: 'weather' },
    });
    expect(deltas.map((delta) => delta.function?.arguments ?? '').join('')).toBe(
      '{"location":"San Francisco"}',
    );
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('tool_calls');
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('an Azure error event mid-stream reaches the client as the stream error', async () => {
    const events = recordedEvents('responses.text.chunks.txt').slice(0, 4);
    fleet.mocks.azure.prepend({
      method: 'POST',
      path: RESPONSES_PATH,
      times: 1,
      reply: {
        headers: { 'content-type': 'text/event-stream' },
        sse: [
          ...events,
          {
            type: 'error',
            sequence_number: 4,
            code: 'server_error',
            message: 'The model crashed',
            param: null,
          },
        ],
      },
    });
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Say hello.' }],
      stream: true,
    });
    const received: OpenAI.ChatCompletionChunk[] = [];
    const error = await expectOpenAIApiError(
      (async () => {
        for await (const chunk of stream) received.push(chunk);
      })(),
    );
    expect(error.message).toMatch(/The model crashed/);
    expect(received[0]!.choices[0]!.delta.role).toBe('assistant');
  });

  it('a request the Responses API cannot express is refused with 400 naming the parameter, before any upstream call', async () => {
    const calls = await azureCallsDuring(async () => {
      const error = await expectOpenAIApiError(
        client.chat.completions.create({
          model: MODEL,
          messages: [{ role: 'user', content: 'x' }],
          n: 2,
        }),
      );
      expect(error.status).toBe(400);
      expect(error.param).toBe('n');
    });
    expect(calls).toHaveLength(0);
  });
});
