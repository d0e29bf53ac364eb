import type {
  CallContextV1,
  ChatCompletion,
  ChatCompletionChunk,
  OperationResultV1,
} from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { createHttpClient } from '@multi-ai-proxy/core/provider-utils';
import { createTestCallContext } from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type RecordedRequest,
  sendJson,
  startMockUpstream,
} from '../test/support/mock-upstream.js';
import { collect, readFixtureJson, readFixtureText } from '../test/support/read-fixture.js';
import { createGeminiEngine } from './create-gemini-engine.js';
import type { GeminiEngineSettings } from './gemini-engine-settings.js';
import type { GoogleFlavor } from './google-api-types.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** The engine as each provider configures it: Google AI Studio's and Vertex AI's URLs and auth. */
async function setup(flavor: GoogleFlavor, handler: Parameters<typeof startMockUpstream>[0]) {
  const mock = await startMockUpstream(handler);
  closers.push(mock.close);
  let authCalls = 0;
  const settings: GeminiEngineSettings =
    flavor === 'gemini'
      ? {
          provider: 'google',
          upstreamName: 'the Gemini API',
          client: createHttpClient(),
          timeoutMs: 5_000,
          baseUrl: `${mock.url}/v1beta`,
          modelPath: (model) => `models/${model}`,
          authHeaders: async (context) => {
            authCalls++;
            return {
              'x-goog-api-key': context.credentials?.headers?.['x-goog-api-key'] ?? 'server-key',
            };
          },
          flavor,
        }
      : {
          provider: 'vertex',
          upstreamName: 'Vertex AI',
          client: createHttpClient(),
          timeoutMs: 5_000,
          baseUrl: `${mock.url}/v1/projects/p/locations/us-central1`,
          modelPath: (model) => {
            if (model.includes('/'))
              throw new InvalidRequestError('not a publisher model id', {
                param: 'model',
                status: 404,
              });
            return `publishers/google/models/${model}`;
          },
          authHeaders: async () => {
            authCalls++;
            return { authorization: `Bearer token-${authCalls}` };
          },
          flavor,
        };
  return { mock, engine: createGeminiEngine(settings), authCalls: () => authCalls };
}

const body = (request: RecordedRequest | undefined) => JSON.parse(request?.body ?? 'null');
const json = <T>(result: OperationResultV1<T, unknown>): T => {
  if (result.kind !== 'json') throw new Error(`expected json, got ${result.kind}`);
  return result.body;
};

// A tool round trip: the assistant's call (id with a Gemini 3 thought signature) and its result.
const signature = readFixtureJson<{
  candidates: Array<{ content: { parts: Array<{ thoughtSignature: string }> } }>;
}>('generateContent.function-call.gemini-3-pro.response.json').candidates[0]!.content.parts[0]!
  .thoughtSignature;
const toolRoundTrip = {
  model: 'weather-alias',
  messages: [
    { role: 'user' as const, content: 'Weather in San Francisco?' },
    {
      role: 'assistant' as const,
      content: null,
      tool_calls: [
        {
          id: `fc-1__thought__${Buffer.from(signature, 'base64').toString('base64url')}`,
          type: 'function' as const,
          function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
        },
      ],
    },
    {
      role: 'tool' as const,
      tool_call_id: `fc-1__thought__${Buffer.from(signature, 'base64').toString('base64url')}`,
      content: '18 °C',
    },
  ],
};

describe('createGeminiEngine', () => {
  it.each([
    [
      'gemini',
      '/v1beta/models/gemini-3-pro-preview:generateContent',
      { 'x-goog-api-key': 'server-key' },
    ],
    [
      'vertex',
      '/v1/projects/p/locations/us-central1/publishers/google/models/gemini-3-pro-preview:generateContent',
      { authorization: 'Bearer token-1' },
    ],
  ] as const)(
    '%s: sends context.upstreamModel under its base URL and model path, authenticated per call',
    async (flavor, path, auth) => {
      const recorded = readFixtureJson('generateContent.function-call.gemini-3-pro.response.json');
      const { mock, engine } = await setup(flavor, (_request, response) =>
        sendJson(response, 200, recorded),
      );
      // The host resolved `weather-alias` already: the engine must send upstreamModel as it is.
      const result = await engine.createChatCompletion(
        toolRoundTrip,
        createTestCallContext({ model: 'weather-alias', upstreamModel: 'gemini-3-pro-preview' }),
      );
      expect(mock.requests[0]?.url).toBe(path);
      expect(mock.requests[0]?.headers).toMatchObject(auth);
      const answer = json(result as OperationResultV1<ChatCompletion, ChatCompletionChunk>);
      expect(answer.model).toBe('weather-alias');
      const call = answer.choices[0]?.message.tool_calls?.[0];
      expect(call?.function).toEqual({
        name: 'weather',
        arguments: '{"location":"San Francisco"}',
      });
      // Gemini 3's thought signature travels in the tool call id, to come back on the next turn.
      expect(call?.id).toContain('__thought__');
    },
  );

  it('keeps the thought signature on the replayed call for both flavors; only gemini sends the Gemini-assigned functionCall ids', async () => {
    const recorded = readFixtureJson('generateContent.function-call.gemini-3-pro.response.json');
    const sent: Record<string, unknown> = {};
    for (const flavor of ['gemini', 'vertex'] as const) {
      const { mock, engine } = await setup(flavor, (_request, response) =>
        sendJson(response, 200, recorded),
      );
      await engine.createChatCompletion(
        toolRoundTrip,
        createTestCallContext({ upstreamModel: 'gemini-3-pro-preview' }),
      );
      sent[flavor] = body(mock.requests[0]).contents;
    }
    expect((sent.gemini as Array<{ parts: unknown[] }>)[1]?.parts[0]).toEqual({
      functionCall: { id: 'fc-1', name: 'weather', args: { location: 'San Francisco' } },
      thoughtSignature: signature,
    });
    expect((sent.vertex as Array<{ parts: unknown[] }>)[1]?.parts[0]).toEqual({
      functionCall: { name: 'weather', args: { location: 'San Francisco' } },
      thoughtSignature: signature,
    });
    expect(
      (
        sent.vertex as Array<{ role: string; parts: Array<{ functionResponse?: { id?: string } }> }>
      )[2],
    ).toMatchObject({ role: 'user', parts: [{ functionResponse: { name: 'weather' } }] });
    expect(
      (sent.vertex as Array<{ parts: Array<{ functionResponse?: { id?: string } }> }>)[2]?.parts[0]
        ?.functionResponse?.id,
    ).toBeUndefined();
  });

  it.each(['gemini', 'vertex'] as const)(
    '%s: streams the recorded SSE and maps a recorded 429 on the stream endpoint to retry-after',
    async (flavor) => {
      const sse = readFixtureText('streamGenerateContent.text.sse.txt');
      const quota = readFixtureText('error.429-resource-exhausted-retryinfo.json');
      let calls = 0;
      const { mock, engine, authCalls } = await setup(flavor, (_request, response) => {
        calls++;
        if (calls === 1) {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.end(sse);
        } else sendJson(response, 429, quota);
      });
      const request = {
        model: 'gemini-2.0-flash',
        messages: [{ role: 'user' as const, content: 'capital of Wyoming?' }],
        stream: true,
      };
      const context = createTestCallContext({ upstreamModel: 'gemini-2.0-flash' });
      const result = await engine.createChatCompletion(request, context);
      if (result.kind !== 'chunks') throw new Error('expected chunks');
      const chunks = await collect(result.chunks);
      expect(mock.requests[0]?.url).toMatch(/gemini-2\.0-flash:streamGenerateContent\?alt=sse$/);
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
        'The capital of Wyoming is **Cheyenne**.\n',
      );
      await expect(engine.createChatCompletion(request, context)).rejects.toMatchObject({
        status: 429,
        headers: { 'retry-after': expect.any(String) },
      });
      expect(authCalls()).toBe(2);
    },
  );

  it('refuses a call without context.upstreamModel as a host bug (500), and a model id its path builder refuses, before any upstream call', async () => {
    const { mock, engine } = await setup('vertex', () => {});
    const request = {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user' as const, content: 'x' }],
    };
    const withoutModel: CallContextV1 = createTestCallContext();
    await expect(engine.createChatCompletion(request, withoutModel)).rejects.toMatchObject({
      status: 500,
      code: 'missing_upstream_model',
    });
    await expect(
      engine.createEmbedding({ model: 'e', input: 'x' }, withoutModel),
    ).rejects.toMatchObject({ status: 500 });
    await expect(
      engine.createCompletion(
        { model: 'x', prompt: 'x' },
        createTestCallContext({ upstreamModel: 'a/b' }),
      ),
    ).rejects.toMatchObject({ status: 404, param: 'model' });
    expect(mock.requests).toHaveLength(0);
  });

  it('embeds with batchEmbedContents on gemini and one :embedContent per input on vertex', async () => {
    const gemini = await setup('gemini', (_request, response) =>
      sendJson(response, 200, { embeddings: [{ values: [0.1, 0.2] }, { values: [0.3, 0.4] }] }),
    );
    const geminiAnswer = json(
      await gemini.engine.createEmbedding(
        { model: 'e', input: ['a', 'b'], dimensions: 2 },
        createTestCallContext({ model: 'e', upstreamModel: 'gemini-embedding-001' }),
      ),
    );
    expect(gemini.mock.requests.map((request) => request.url)).toEqual([
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    ]);
    expect(body(gemini.mock.requests[0])).toEqual({
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'a' }] },
          outputDimensionality: 2,
        },
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'b' }] },
          outputDimensionality: 2,
        },
      ],
    });
    expect(geminiAnswer.data.map((entry) => entry.embedding)).toEqual([
      [0.1, 0.2],
      [0.3, 0.4],
    ]);

    const vertex = await setup('vertex', (request, response) =>
      sendJson(response, 200, {
        embedding: { values: [JSON.parse(request.body).content.parts[0].text === 'a' ? 1 : 2] },
        usageMetadata: { promptTokenCount: 3 },
      }),
    );
    const vertexAnswer = json(
      await vertex.engine.createEmbedding(
        { model: 'e', input: ['a', 'b'], dimensions: 1 },
        createTestCallContext({ upstreamModel: 'gemini-embedding-2' }),
      ),
    );
    expect(vertex.mock.requests.map((request) => request.url)).toEqual([
      '/v1/projects/p/locations/us-central1/publishers/google/models/gemini-embedding-2:embedContent',
      '/v1/projects/p/locations/us-central1/publishers/google/models/gemini-embedding-2:embedContent',
    ]);
    expect(body(vertex.mock.requests[0])).toMatchObject({
      content: { role: 'user', parts: [{ text: expect.any(String) }] },
      embedContentConfig: { outputDimensionality: 1 },
    });
    expect(vertexAnswer.data.map((entry) => entry.embedding)).toEqual([[1], [2]]);
    expect(vertexAnswer.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
  });
});
