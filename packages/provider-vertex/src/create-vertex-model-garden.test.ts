import type { Readable } from 'node:stream';
import type {
  ChatCompletionRequest,
  ModelCallContextV1,
  OperationResultV1,
} from '@multi-ai-proxy/core';
import { GatewayError, UpstreamApiError } from '@multi-ai-proxy/core';
import {
  createTestCallContext,
  readFixtureText,
  readJsonFixture,
  readRecordingFixture,
  recordingToMockReply,
} from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { startVertexProvider, type VertexTestBed } from '../test/start-vertex-provider.js';

const SCOPE = '/v1/projects/test-project/locations/us-central1';
const OPENAPI = `${SCOPE}/endpoints/openapi/chat/completions`;
const MAVERICK = 'meta/llama-4-maverick-17b-128e-instruct-maas';
const recordedStream = readFixtureText(fixture('openapi.chat-completions.llama3-405b.sse.txt'));
const recordedAnswer = readFixtureText(
  fixture('openapi.chat-completions.llama-4-maverick.response.json'),
);
const [tunedInteraction] = readRecordingFixture(
  fixture('generateContent.text.gemini-2.5-flash.recording.json'),
);

const ENDPOINTS = {
  'Support-Bot': { endpoint: '1234567890', model: 'gemini-2.5-flash' },
  'eu-tuned': {
    endpoint: 'projects/other-project/locations/europe-west4/endpoints/42',
    model: 'gemini-2.0-flash-001',
  },
  'my-vllm': { endpoint: '555', api: 'openai', model: 'google/gemma-3-27b-it' },
};

/** What the host passes: the routed models, and the client's JSON bytes. */
function callContext(
  bed: VertexTestBed,
  request: ChatCompletionRequest,
  rawBody = Buffer.from(JSON.stringify(request)),
): ModelCallContextV1 {
  return createTestCallContext({
    model: request.model,
    upstreamModel: bed.provider.mapModel?.(request.model) ?? request.model,
    rawBody,
    headers: { accept: 'application/json' },
  });
}

async function rawBytes(result: OperationResultV1<unknown, unknown>): Promise<string> {
  if (result.kind !== 'raw') throw new Error(`expected the upstream's bytes, got ${result.kind}`);
  const body = result.body;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  const parts: Buffer[] = [];
  for await (const part of body as Readable) parts.push(Buffer.from(part));
  return Buffer.concat(parts).toString('utf8');
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!GatewayError.isInstance(error)) throw new Error(`expected a GatewayError, got ${error}`);
  return error;
}

describe('Vertex beyond Gemini: Model Garden ids and endpoint aliases', () => {
  let bed: VertexTestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it("streams a Model Garden model through endpoints/openapi on the location's real host, bytes untouched", async () => {
    bed = await startVertexProvider({
      routing: 'real-hosts',
      routes: [
        {
          method: 'POST',
          path: OPENAPI,
          reply: { headers: { 'content-type': 'text/event-stream' }, rawSse: recordedStream },
        },
      ],
    });
    // The client's exact spelling (key order, spacing) must reach Vertex: only `model` could change.
    const raw = Buffer.from(
      `{"stream":true,  "model":"${MAVERICK}","messages":[{"role":"user","content":"who is the best French painter?"}],"top_k":10}`,
    );
    const request = JSON.parse(raw.toString()) as ChatCompletionRequest;
    const result = await bed.provider.createChatCompletion!(
      request,
      callContext(bed, request, raw),
    );
    expect(await rawBytes(result)).toBe(recordedStream);
    expect(result.kind === 'raw' && result.headers['cache-control']).toBe('no-cache');
    expect(bed.calledUrls).toEqual([`https://us-central1-aiplatform.googleapis.com${OPENAPI}`]);
    const [sent] = bed.upstream.requests;
    expect(sent?.body.equals(raw)).toBe(true);
    expect(sent?.headers.authorization).toBe('Bearer ya29.vertex-test-1');
    expect(sent?.headers['content-type']).toBe('application/json');
  });

  it('answers a buffered Model Garden call with the recorded body, and rewrites only `model` after an instance prefix', async () => {
    bed = await startVertexProvider({
      routes: [{ method: 'POST', path: OPENAPI, reply: { body: recordedAnswer } }],
    });
    const request: ChatCompletionRequest = {
      model: `vertex/${MAVERICK}`,
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    };
    const result = await bed.provider.createChatCompletion!(request, {
      ...callContext(bed, request),
      model: MAVERICK,
      upstreamModel: MAVERICK,
    });
    expect(JSON.parse(await rawBytes(result))).toEqual(JSON.parse(recordedAnswer));
    expect(bed.upstream.requests[0]?.json()).toEqual({ ...request, model: MAVERICK });
  });

  it('sends a tuned Gemini endpoint alias through the Gemini engine with the endpoint resource path', async () => {
    bed = await startVertexProvider({
      routing: 'real-hosts',
      rawOptions: { endpoints: ENDPOINTS },
      routes: [
        {
          method: 'POST',
          path: /\/endpoints\/(1234567890|42):generateContent$/,
          reply: recordingToMockReply(tunedInteraction!),
        },
      ],
    });
    expect(bed.provider.mapModel?.('SUPPORT-BOT')).toBe('support-bot');
    const request: ChatCompletionRequest = {
      model: 'support-bot',
      reasoning_effort: 'low',
      messages: [{ role: 'user', content: 'why is the sky blue?' }],
    };
    const result = await bed.provider.createChatCompletion!(request, callContext(bed, request));
    if (result.kind !== 'json') throw new Error('expected the Gemini engine');
    expect(result.body.object).toBe('chat.completion');
    expect(result.body.model).toBe('support-bot');
    const euRequest = { ...request, model: 'eu-tuned', reasoning_effort: undefined };
    await bed.provider.createChatCompletion!(euRequest, callContext(bed, euRequest));
    expect(bed.calledUrls).toEqual([
      `https://us-central1-aiplatform.googleapis.com${SCOPE}/endpoints/1234567890:generateContent`,
      'https://europe-west4-aiplatform.googleapis.com/v1/projects/other-project/locations/europe-west4/endpoints/42:generateContent',
    ]);
    // Gemini's wire format, and the base model's traits: 2.5 Flash takes a thinking budget for `low`.
    const body = bed.upstream.requests[0]?.json() as {
      contents: unknown[];
      generationConfig: { thinkingConfig?: { thinkingBudget?: number } };
    };
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'why is the sky blue?' }] }]);
    expect(body.generationConfig.thinkingConfig?.thinkingBudget).toBeGreaterThan(0);
  });

  it('streams a tuned Gemini endpoint as OpenAI chunks', async () => {
    const [streamInteraction] = readRecordingFixture(
      fixture('streamGenerateContent.text.recording.json'),
    );
    bed = await startVertexProvider({
      rawOptions: { endpoints: ENDPOINTS },
      routes: [
        {
          method: 'POST',
          path: `${SCOPE}/endpoints/1234567890:streamGenerateContent`,
          reply: recordingToMockReply(streamInteraction!),
        },
      ],
    });
    const request: ChatCompletionRequest = {
      model: 'support-bot',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    };
    const result = await bed.provider.createChatCompletion!(request, callContext(bed, request));
    if (result.kind !== 'chunks') throw new Error('expected OpenAI chunks');
    const chunks = [];
    for await (const chunk of result.chunks) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.model === 'support-bot')).toBe(true);
  });

  it("sends an OpenAI-compatible endpoint alias to endpoints/{id}/chat/completions with the deployment's model name", async () => {
    bed = await startVertexProvider({
      rawOptions: { endpoints: ENDPOINTS },
      routes: [
        {
          method: 'POST',
          path: `${SCOPE}/endpoints/555/chat/completions`,
          reply: { body: recordedAnswer },
        },
      ],
    });
    const request: ChatCompletionRequest = {
      model: 'my-vllm',
      messages: [{ role: 'user', content: 'hi' }],
    };
    const result = await bed.provider.createChatCompletion!(request, callContext(bed, request));
    expect(JSON.parse(await rawBytes(result))).toEqual(JSON.parse(recordedAnswer));
    expect(bed.upstream.requests[0]?.json()).toEqual({
      model: 'google/gemma-3-27b-it',
      messages: [{ role: 'user', content: 'hi' }],
    });
  });

  describe('errors', () => {
    const call = async (reply: {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
    }) => {
      bed = await startVertexProvider({
        routes: [{ method: 'POST', path: OPENAPI, reply }],
      });
      const request: ChatCompletionRequest = {
        model: MAVERICK,
        messages: [{ role: 'user', content: 'hi' }],
      };
      return rejection(bed.provider.createChatCompletion!(request, callContext(bed, request)));
    };

    it("maps Vertex's recorded google.rpc 400 to the OpenAI shape with the upstream status", async () => {
      const error = await call({
        status: 400,
        body: readJsonFixture(fixture('openapi.error.400-invalid-argument.json')),
      });
      expect(UpstreamApiError.isInstance(error)).toBe(true);
      expect(error.status).toBe(400);
      expect(error.message).toBe('Request contains an invalid argument.');
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.type).toBe('invalid_request_error');
    });

    it('reads an array-wrapped rpc error, keeps 429 and RetryInfo as retry-after', async () => {
      const error = await call({
        status: 429,
        body: [
          {
            error: {
              code: 429,
              message: 'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests',
              status: 'RESOURCE_EXHAUSTED',
              details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }],
            },
          },
        ],
      });
      expect(error.status).toBe(429);
      expect(error.code).toBe('rate_limit_exceeded');
      expect(error.headers['retry-after']).toBe('7');
    });

    it('answers a 404 without a body (model not enabled, wrong location) as model_not_found', async () => {
      const error = await call({ status: 404, body: '' });
      expect(error.status).toBe(404);
      expect(error.code).toBe('model_not_found');
      expect(error.param).toBe('model');
    });

    it("passes a model server's own OpenAI-shaped error on, with the access token scrubbed", async () => {
      const error = await call({
        status: 400,
        body: {
          error: {
            message: 'This model does not accept ya29.vertex-test-1 as input',
            type: 'BadRequestError',
            param: 'messages',
            code: 400,
          },
        },
      });
      expect(error.status).toBe(400);
      expect(error.message).toContain('[redacted]');
      expect(error.message).not.toContain('ya29.vertex-test-1');
      expect(error.param).toBe('messages');
    });
  });

  describe('path and host safety', () => {
    it.each([
      'meta/../../../v1/projects/other/locations/x/endpoints/1',
      '../openapi',
      'projects/other-project/locations/us-central1/endpoints/9',
      'endpoints/1234567890',
      'meta/llama?x=1',
      'google/gemini-2.5-flash',
    ])('refuses %s with 404 before any upstream call', async (model) => {
      bed = await startVertexProvider({
        rawOptions: { endpoints: ENDPOINTS },
        routing: 'real-hosts',
      });
      const request: ChatCompletionRequest = { model, messages: [{ role: 'user', content: 'hi' }] };
      const error = await rejection(
        bed.provider.createChatCompletion!(request, callContext(bed, request)),
      );
      expect(error.status).toBe(404);
      expect(bed.calledUrls).toEqual([]);
    });

    it('never takes the host or path from a model id: Model Garden ids travel in the body only', async () => {
      bed = await startVertexProvider({
        routing: 'real-hosts',
        routes: [{ method: 'POST', path: OPENAPI, reply: { body: recordedAnswer } }],
      });
      for (const model of [
        'qwen/qwen3-235b-a22b-instruct-2507-maas',
        'deepseek-ai/deepseek-r1-0528-maas',
      ]) {
        const request: ChatCompletionRequest = {
          model,
          messages: [{ role: 'user', content: 'hi' }],
        };
        await rawBytes(
          await bed.provider.createChatCompletion!(request, callContext(bed, request)),
        );
      }
      expect(new Set(bed.calledUrls)).toEqual(
        new Set([`https://us-central1-aiplatform.googleapis.com${OPENAPI}`]),
      );
    });
  });

  it('lists the configured Model Garden ids and endpoint aliases, and routes them by model list', async () => {
    bed = await startVertexProvider({
      rawOptions: {
        endpoints: ENDPOINTS,
        modelGarden: { models: ['google/gemma-3-27b-it-maas'] },
      },
      routes: [
        {
          method: 'GET',
          path: '/v1beta1/publishers/google/models',
          reply: {
            body: { publisherModels: [{ name: 'publishers/google/models/gemini-2.5-flash' }] },
          },
        },
      ],
    });
    const models = await bed.provider.listModels!(createTestCallContext());
    expect(models.map((model) => [model.id, model.owned_by])).toEqual([
      ['gemini-2.5-flash', 'google'],
      ['google/gemma-3-27b-it-maas', 'google'],
      ['support-bot', 'vertex-endpoint'],
      ['eu-tuned', 'vertex-endpoint'],
      ['my-vllm', 'vertex-endpoint'],
    ]);
    expect(bed.provider.knownModels?.()?.has('google/gemma-3-27b-it-maas')).toBe(true);
    expect(bed.provider.knownModels?.()?.has('gemini-2.5-flash')).toBe(true);
    expect(bed.provider.modelPatterns).toContain('meta/*');
  });

  it('refuses completions and embeddings on Model Garden ids (chat only) but serves completions on a tuned endpoint', async () => {
    bed = await startVertexProvider({
      rawOptions: { endpoints: ENDPOINTS },
      routes: [
        {
          method: 'POST',
          path: `${SCOPE}/endpoints/1234567890:generateContent`,
          reply: recordingToMockReply(tunedInteraction!),
        },
      ],
    });
    const context = createTestCallContext({ upstreamModel: MAVERICK });
    expect(
      (await rejection(bed.provider.createCompletion!({ model: MAVERICK, prompt: 'hi' }, context)))
        .status,
    ).toBe(400);
    expect(
      (await rejection(bed.provider.createEmbedding!({ model: MAVERICK, input: 'hi' }, context)))
        .code,
    ).toBe('unsupported_operation');
    const completion = await bed.provider.createCompletion!(
      { model: 'support-bot', prompt: 'hi' },
      createTestCallContext({ upstreamModel: 'support-bot' }),
    );
    expect(completion.kind).toBe('json');
    expect(bed.upstream.requests).toHaveLength(1);
  });

  it('answers Model Garden ids in express mode with 404 (no project to call them in)', async () => {
    bed = await startVertexProvider({
      env: { GOOGLE_APPLICATION_CREDENTIALS: undefined, VERTEX_AI_API_KEY: 'express-key-123456' },
    });
    const request: ChatCompletionRequest = {
      model: MAVERICK,
      messages: [{ role: 'user', content: 'hi' }],
    };
    const error = await rejection(
      bed.provider.createChatCompletion!(request, callContext(bed, request)),
    );
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
    expect(bed.upstream.requests).toEqual([]);
  });
});
