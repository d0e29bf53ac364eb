import type {
  ChatCompletion,
  ChatCompletionChunk,
  Completion,
  CreateEmbeddingResponse,
  OperationResultV1,
  ProviderV1,
} from '@multi-ai-proxy/core';
import {
  checkPluginManifest,
  createTestCallContext,
  createTestPluginContext,
} from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  collect,
  readFixtureJson,
  readFixtureText,
  readRecording,
} from '../test/support/read-fixture.js';
import {
  type RecordedRequest,
  sendJson,
  startMockUpstream,
} from '../test/support/mock-upstream.js';
import * as pluginModule from './index.js';
import { googleProviderPlugin } from './google-provider-plugin.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function setup(
  handler: Parameters<typeof startMockUpstream>[0],
  raw: Record<string, unknown> = {},
  env: Record<string, string> = {},
) {
  const mock = await startMockUpstream(handler);
  closers.push(mock.close);
  const options = googleProviderPlugin.parseOptions(raw, {
    GOOGLE_AI_STUDIO_API_KEY: 'server-key',
    GOOGLE_AI_STUDIO_ENDPOINT: `${mock.url}/gw/gemini`,
    ...env,
  });
  const provider = (await googleProviderPlugin.createProvider(
    options,
    createTestPluginContext({ instanceName: 'google' }),
  )) as ProviderV1;
  closers.push(async () => provider.close?.());
  return { mock, provider };
}

function json<T>(result: OperationResultV1<T, unknown>): T {
  if (result.kind !== 'json') throw new Error(`expected a json result, got ${result.kind}`);
  return result.body;
}

function chunksOf<T>(result: OperationResultV1<unknown, T>): AsyncIterable<T> {
  if (result.kind !== 'chunks') throw new Error(`expected chunks, got ${result.kind}`);
  return result.chunks;
}

const upstreamBody = (request: RecordedRequest | undefined) => JSON.parse(request?.body ?? 'null');

describe('google provider plugin', () => {
  it('passes the core manifest checks and detects its env', async () => {
    const { provider } = await checkPluginManifest(pluginModule, {
      packageName: '@multi-ai-proxy/provider-google',
      packageJson: new URL('../package.json', import.meta.url),
      env: { GOOGLE_AI_STUDIO_API_KEY: 'k' },
    });
    expect(provider.capabilities).toEqual({
      chatCompletions: true,
      streaming: true,
      completions: true,
      embeddings: true,
      listModels: true,
      passthrough: [
        'gemini.native',
        'images.generations',
        'images.edits',
        'audio.speech',
        'audio.transcriptions',
        'audio.translations',
      ],
    });
    expect(provider.modelPatterns).toEqual(['gemini-*', 'gemma-*', 'imagen-*']);
    expect(googleProviderPlugin.detectFromEnv?.({ GOOGLE_AI_STUDIO_API_KEY: 'k' })).toBe(true);
    expect(googleProviderPlugin.detectFromEnv?.({})).toBe(false);
  });

  it('fails startup naming GOOGLE_AI_STUDIO_API_KEY when no key can be used, without echoing values', () => {
    expect(() => googleProviderPlugin.parseOptions({}, {})).toThrow(
      /GOOGLE_AI_STUDIO_API_KEY is not set/,
    );
    expect(() =>
      googleProviderPlugin.parseOptions(
        {},
        { GOOGLE_AI_STUDIO_API_KEY: 'secret-1', GOOGLE_AI_STUDIO_ENDPOINT: 'ftp://x' },
      ),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret-1') }));
    expect(
      googleProviderPlugin.parseOptions({}, { GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY: 'true' }).apiKey,
    ).toBeUndefined();
  });

  it('maps the retired model aliases and models/ names; options override aliases', async () => {
    const { provider } = await setup(() => {}, { aliases: { 'gemini-pro': 'gemini-2.5-pro' } });
    expect(provider.mapModel?.('gemini-pro')).toBe('gemini-2.5-pro');
    expect(provider.mapModel?.('Gemini-Pro-Vision')).toBe('gemini-2.5-flash');
    expect(provider.mapModel?.('embedding-gecko-001')).toBe('gemini-embedding-001');
    expect(provider.mapModel?.('models/gemini-2.0-flash')).toBe('gemini-2.0-flash');
    expect(provider.mapModel?.('gpt-4o')).toBeUndefined();
  });
});

describe('chat completions against a mock Gemini API', () => {
  it('POSTs generateContent under the endpoint prefix with x-goog-api-key (never in the URL) and answers OpenAI JSON', async () => {
    const recording = readRecording('generateContent.text.gemini-2.5-flash.recording.json');
    const { mock, provider } = await setup((_request, response) =>
      sendJson(response, 200, recording.response[0]),
    );
    const result = await provider.createChatCompletion?.(
      {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
        max_tokens: 200,
        n: 1,
      },
      createTestCallContext({ model: 'gemini-2.5-flash', upstreamModel: 'gemini-2.5-flash' }),
    );
    const request = mock.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/gw/gemini/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request?.headers['x-goog-api-key']).toBe('server-key');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBeUndefined();
    expect(upstreamBody(request)).toEqual({
      contents: (recording.request as { contents: unknown }).contents,
      generationConfig: { candidateCount: 1, maxOutputTokens: 200 },
    });
    const body = json(result as OperationResultV1<ChatCompletion, ChatCompletionChunk>);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gemini-2.5-flash',
      id: 'chatcmpl-jy77aN2dK5v_1e8PlvqtsQ8',
    });
    expect(body.choices[0]).toMatchObject({
      index: 0,
      finish_reason: 'length',
      message: { role: 'assistant' },
    });
    expect(body.usage).toMatchObject({
      prompt_tokens: 7,
      completion_tokens: 197,
      total_tokens: 204,
    });
  });

  it('sends the alias target upstream but answers with the model name the client used', async () => {
    const { mock, provider } = await setup((_request, response) =>
      sendJson(
        response,
        200,
        readRecording('generateContent.systemInstruction.recording.json').response[0],
      ),
    );
    const ctx = createTestCallContext({
      model: 'gemini-pro',
      upstreamModel: provider.mapModel?.('gemini-pro'),
    });
    const body = json(
      (await provider.createChatCompletion?.(
        { model: 'gemini-pro', messages: [{ role: 'user', content: 'high' }] },
        ctx,
      )) as OperationResultV1<ChatCompletion>,
    );
    expect(mock.requests[0]?.url).toBe('/gw/gemini/v1beta/models/gemini-2.5-flash:generateContent');
    expect(body.model).toBe('gemini-pro');
  });

  it('streams :streamGenerateContent?alt=sse, forwarding each upstream event before the next one exists', async () => {
    const events = readFixtureText('streamGenerateContent.text.sse.txt')
      .split('\r\n\r\n')
      .filter((event) => event.trim().length > 0);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { mock, provider } = await setup(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`${events[0]}\r\n\r\n`);
      await gate;
      for (const event of events.slice(1)) response.write(`${event}\r\n\r\n`);
      response.end();
    });
    const result = await provider.createChatCompletion?.(
      {
        model: 'gemini-2.0-flash',
        messages: [{ role: 'user', content: 'capital of Wyoming?' }],
        stream: true,
        stream_options: { include_usage: true },
      },
      createTestCallContext({ model: 'gemini-2.0-flash', upstreamModel: 'gemini-2.0-flash' }),
    );
    expect(mock.requests[0]?.url).toBe(
      '/gw/gemini/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse',
    );
    expect(mock.requests[0]?.headers['x-goog-api-key']).toBe('server-key');
    const iterator = chunksOf(result as OperationResultV1<ChatCompletion, ChatCompletionChunk>)[
      Symbol.asyncIterator
    ]();
    expect((await iterator.next()).value?.choices[0]?.delta).toEqual({
      role: 'assistant',
      content: '',
      refusal: null,
    });
    // The second event is still held back by the mock: this chunk can only come from the first one.
    expect((await iterator.next()).value?.choices[0]?.delta).toEqual({ content: 'The' });
    release();
    const rest: ChatCompletionChunk[] = [];
    for (let step = 0; step < 10; step++) {
      const next = await iterator.next();
      if (next.done) break;
      rest.push(next.value);
    }
    expect(rest.map((chunk) => chunk.choices[0]?.delta.content ?? null)).toEqual([
      ' capital of Wyoming',
      ' is **Cheyenne**.\n',
      null,
      null,
    ]);
    expect(rest[2]?.choices[0]?.finish_reason).toBe('stop');
    expect(rest[3]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 7, completion_tokens: 10, total_tokens: 17 },
    });
  });

  it('closes the upstream connection when the client stops reading mid-stream', async () => {
    let closed: () => void = () => {};
    const upstreamClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const { provider } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        'data: {"candidates":[{"content":{"parts":[{"text":"partial"}],"role":"model"}}]}\r\n\r\n',
      );
      response.on('close', () => closed());
      // Never ends on its own: only the gateway closing the socket ends this response.
    });
    const result = await provider.createChatCompletion?.(
      { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }], stream: true },
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    const iterator = chunksOf(result as OperationResultV1<ChatCompletion, ChatCompletionChunk>)[
      Symbol.asyncIterator
    ]();
    await iterator.next();
    expect((await iterator.next()).value?.choices[0]?.delta).toEqual({ content: 'partial' });
    await iterator.return?.();
    await upstreamClosed;
  });

  it('rejects a stream whose upstream answered the recorded 404 before any chunk', async () => {
    const recording = readRecording('streamGenerateContent.error-404.recording.json');
    const { provider } = await setup((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/event-stream' });
      response.end(JSON.stringify(recording.response[0]));
    });
    const call = provider.createChatCompletion?.(
      {
        model: 'custom-gemini-2.0-flash',
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
        stream: true,
      },
      createTestCallContext({
        model: 'custom-gemini-2.0-flash',
        upstreamModel: 'custom-gemini-2.0-flash',
      }),
    );
    await expect(call).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('turns the recorded 429 into a rate-limit error with retry-after', async () => {
    const { provider } = await setup((_request, response) =>
      sendJson(response, 429, readFixtureText('error.429-resource-exhausted-retryinfo.json')),
    );
    const call = provider.createChatCompletion?.(
      { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }] },
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    await expect(call).rejects.toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      headers: { 'retry-after': '35', 'retry-after-ms': '34400' },
    });
  });

  it('answers a 502 OpenAI error when the upstream cannot be reached', async () => {
    const options = googleProviderPlugin.parseOptions(
      { baseUrl: 'http://127.0.0.1:9' },
      { GOOGLE_AI_STUDIO_API_KEY: 'k' },
    );
    const provider = (await googleProviderPlugin.createProvider(
      options,
      createTestPluginContext({ instanceName: 'google' }),
    )) as ProviderV1;
    const call = provider.createChatCompletion?.(
      { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }] },
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    await expect(call).rejects.toMatchObject({ status: 502, code: 'upstream_unreachable' });
  });

  it('uses the client key only as documented', async () => {
    const { mock, provider } = await setup(
      (_request, response) =>
        sendJson(
          response,
          200,
          readRecording('generateContent.systemInstruction.recording.json').response[0],
        ),
      {},
      { GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY: 'true' },
    );
    const request = {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user' as const, content: 'high' }],
    };
    const googleKey = 'AIza' + 'x'.repeat(35);
    await provider.createChatCompletion?.(
      request,
      createTestCallContext({
        upstreamModel: 'gemini-2.5-flash',
        credentials: { headers: { 'x-goog-api-key': 'client-goog-key' } },
      }),
    );
    await provider.createChatCompletion?.(
      request,
      createTestCallContext({
        upstreamModel: 'gemini-2.5-flash',
        credentials: { bearer: 'sk-placeholder' },
      }),
    );
    await provider.createChatCompletion?.(
      request,
      createTestCallContext({
        upstreamModel: 'gemini-2.5-flash',
        credentials: { bearer: googleKey },
      }),
    );
    await provider.createChatCompletion?.(
      request,
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash', credentials: undefined }),
    );
    expect(mock.requests.map((entry) => entry.headers['x-goog-api-key'])).toEqual([
      'client-goog-key',
      'server-key',
      googleKey,
      'server-key',
    ]);
    expect(mock.requests.every((entry) => !entry.url.includes('key='))).toBe(true);
  });

  it('downloads an http image from 127.0.0.1 only when private addresses are allowed, and inlines it', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const images = await startMockUpstream((_request, response) => {
      response.writeHead(200, {
        'content-type': 'image/png',
        'content-length': String(png.length),
      });
      response.end(png);
    });
    closers.push(images.close);
    const answer = readRecording('generateContent.systemInstruction.recording.json').response[0];
    const request = {
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user' as const,
          content: [
            { type: 'image_url' as const, image_url: { url: `${images.url}/cat.png?sig=secret` } },
          ],
        },
      ],
    };

    const guarded = await setup((_request, response) => sendJson(response, 200, answer));
    const refused = guarded.provider.createChatCompletion?.(
      request,
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    await expect(refused).rejects.toMatchObject({ status: 400, code: 'invalid_image_url' });
    await expect(refused).rejects.toSatisfy((error: Error) => !error.message.includes('secret'));
    expect(images.requests).toHaveLength(0);
    expect(guarded.mock.requests).toHaveLength(0);

    const open = await setup((_request, response) => sendJson(response, 200, answer), {
      remoteMedia: { allowPrivateNetwork: true },
    });
    await open.provider.createChatCompletion?.(
      request,
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    expect(images.requests[0]?.url).toBe('/cat.png?sig=secret');
    expect(upstreamBody(open.mock.requests[0]).contents[0].parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: png.toString('base64') } },
    ]);
  });

  it('refuses an image larger than the configured limit', async () => {
    const images = await startMockUpstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.alloc(2048));
    });
    closers.push(images.close);
    const { provider } = await setup(() => {}, {
      remoteMedia: { allowPrivateNetwork: true, maxBytes: 1024 },
    });
    const call = provider.createChatCompletion?.(
      {
        model: 'gemini-2.5-flash',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: `${images.url}/big.png` } }],
          },
        ],
      },
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    await expect(call).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('larger than 1024 bytes'),
    });
  });
});

describe('completions, embeddings and models against a mock Gemini API', () => {
  it('sends one generateContent per prompt and answers a text_completion with summed usage', async () => {
    const [answer] = readRecording('generateContent.systemInstruction.recording.json').response;
    const { mock, provider } = await setup((_request, response) => sendJson(response, 200, answer));
    const result = await provider.createCompletion?.(
      { model: 'gemini-2.5-flash', prompt: ['high', 'up'], max_tokens: 5, echo: true },
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    const body = json(result as OperationResultV1<Completion, Completion>);
    expect(mock.requests.map((request) => upstreamBody(request))).toEqual([
      {
        contents: [{ role: 'user', parts: [{ text: 'high' }] }],
        generationConfig: { maxOutputTokens: 5 },
      },
      {
        contents: [{ role: 'user', parts: [{ text: 'up' }] }],
        generationConfig: { maxOutputTokens: 5 },
      },
    ]);
    expect(body.object).toBe('text_completion');
    expect(body.choices).toEqual([
      { text: 'highlow', index: 0, logprobs: null, finish_reason: 'stop' },
      { text: 'uplow', index: 1, logprobs: null, finish_reason: 'stop' },
    ]);
    expect(body.usage).toEqual({ prompt_tokens: 18, completion_tokens: 42, total_tokens: 60 });
  });

  it('streams a completion as text_completion chunks with a usage chunk', async () => {
    const { provider } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(readFixtureText('streamGenerateContent.text.sse.txt'));
    });
    const result = await provider.createCompletion?.(
      {
        model: 'gemini-2.0-flash',
        prompt: 'capital of Wyoming?',
        stream: true,
        stream_options: { include_usage: true },
      },
      createTestCallContext({ upstreamModel: 'gemini-2.0-flash' }),
    );
    const chunks = await collect(chunksOf(result as OperationResultV1<Completion, Completion>));
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? null)).toEqual([
      'The',
      ' capital of Wyoming',
      ' is **Cheyenne**.\n',
      '',
      null,
    ]);
    expect(chunks[3]?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks[4]?.usage).toMatchObject({ total_tokens: 17 });
    expect(chunks.every((chunk) => chunk.object === 'text_completion')).toBe(true);
  });

  // No recorded batchEmbedContents answer exists in fixtures/upstream: the mock answers the documented shape.
  it('splits embeddings above 100 inputs into ordered batchEmbedContents calls, with dimensions and base64', async () => {
    const { mock, provider } = await setup((request, response) => {
      const body = JSON.parse(request.body) as {
        requests: Array<{ content: { parts: Array<{ text: string }> } }>;
      };
      sendJson(response, 200, {
        embeddings: body.requests.map((entry) => ({
          values: [Number(entry.content.parts[0]?.text.slice(3)), 0.5],
        })),
      });
    });
    const input = Array.from({ length: 150 }, (_, index) => `doc${index}`);
    const floats = json(
      (await provider.createEmbedding?.(
        { model: 'gemini-embedding-001', input, dimensions: 2 },
        createTestCallContext({
          model: 'gemini-embedding-001',
          upstreamModel: 'gemini-embedding-001',
        }),
      )) as OperationResultV1<CreateEmbeddingResponse>,
    );
    expect(mock.requests.map((request) => request.url)).toEqual([
      '/gw/gemini/v1beta/models/gemini-embedding-001:batchEmbedContents',
      '/gw/gemini/v1beta/models/gemini-embedding-001:batchEmbedContents',
    ]);
    const batches = mock.requests.map((request) => JSON.parse(request.body).requests);
    expect(batches.map((batch: unknown[]) => batch.length).sort()).toEqual([100, 50]);
    expect(batches.flat()[0]).toEqual({
      model: 'models/gemini-embedding-001',
      content: { parts: [{ text: expect.stringMatching(/^doc/) }] },
      outputDimensionality: 2,
    });
    expect(floats.data.map((entry) => (entry.embedding as number[])[0])).toEqual(
      input.map((_, index) => index),
    );
    expect(floats.data[149]).toEqual({ object: 'embedding', index: 149, embedding: [149, 0.5] });
    // No usageMetadata in the answer: estimated at ceil(chars / 4) per input (10 × 1 + 140 × 2).
    expect(floats).toMatchObject({
      object: 'list',
      model: 'gemini-embedding-001',
      usage: { prompt_tokens: 290, total_tokens: 290 },
    });

    const encoded = json(
      (await provider.createEmbedding?.(
        { model: 'gemini-embedding-001', input: 'doc3', encoding_format: 'base64' },
        createTestCallContext({ upstreamModel: 'gemini-embedding-001' }),
      )) as OperationResultV1<CreateEmbeddingResponse>,
    );
    const bytes = Buffer.from(encoded.data[0]?.embedding as string, 'base64');
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([3, 0.5]);
  });

  it('rejects token-id embedding input with a 400 before calling upstream', async () => {
    const { mock, provider } = await setup(() => {});
    await expect(
      provider.createEmbedding?.(
        { model: 'gemini-embedding-001', input: [1, 2, 3] },
        createTestCallContext({ upstreamModel: 'gemini-embedding-001' }),
      ),
    ).rejects.toMatchObject({ status: 400, param: 'input' });
    expect(mock.requests).toHaveLength(0);
  });

  it('lists every page of models, caches them with a TTL and reports them as known', async () => {
    const recorded = readFixtureJson<{ models: unknown[] }>('models.list.response.json');
    const { mock, provider } = await setup((request, response) => {
      // Page 1 is synthetic (no recorded page with nextPageToken exists); page 2 is the recorded list.
      if (request.url.includes('pageToken=')) sendJson(response, 200, recorded);
      else
        sendJson(response, 200, {
          models: [{ name: 'models/gemini-3-pro-preview', displayName: 'Gemini 3 Pro Preview' }],
          nextPageToken: 'page-2',
        });
    });
    expect(provider.knownModels?.()).toBeUndefined();
    const ctx = createTestCallContext();
    const [first, second] = await Promise.all([
      provider.listModels?.(ctx),
      provider.listModels?.(ctx),
    ]);
    expect(mock.requests.map((request) => request.url)).toEqual([
      '/gw/gemini/v1beta/models?pageSize=1000',
      '/gw/gemini/v1beta/models?pageSize=1000&pageToken=page-2',
    ]);
    expect(mock.requests[0]?.headers['x-goog-api-key']).toBe('server-key');
    expect(first).toBe(second);
    expect(first?.length).toBe(1 + recorded.models.length);
    expect(first?.[0]).toMatchObject({
      id: 'gemini-3-pro-preview',
      object: 'model',
      owned_by: 'google',
    });
    expect(provider.knownModels?.()?.has('gemini-2.5-flash')).toBe(true);
    await provider.listModels?.(ctx);
    expect(mock.requests).toHaveLength(2);
  });

  it('keeps the shared model listing alive when the first caller disconnects: the second caller still gets the list', async () => {
    const recorded = readFixtureJson<{ models: unknown[] }>('models.list.response.json');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { mock, provider } = await setup(async (_request, response) => {
      await gate;
      sendJson(response, 200, recorded);
    });
    const first = new AbortController();
    const firstCall = provider.listModels?.(createTestCallContext({ signal: first.signal }));
    const secondCall = provider.listModels?.(createTestCallContext());
    firstCall?.catch(() => {});
    for (let attempt = 0; attempt < 200 && mock.requests.length === 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    first.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const models = await secondCall;
    expect(models?.length).toBe(recorded.models.length);
    expect(mock.requests).toHaveLength(1);
    expect(provider.knownModels?.()?.has('gemini-2.5-flash')).toBe(true);
  });

  it('lists models with each client key separately: a bad client key fails only its own caller and is never cached for others', async () => {
    const recorded = readFixtureJson<{ models: unknown[] }>('models.list.response.json');
    const { mock, provider } = await setup(
      (request, response) => {
        if (request.headers['x-goog-api-key'] === 'bad-client-key')
          sendJson(response, 400, readFixtureText('error.400-api-key-invalid.json'));
        else sendJson(response, 200, recorded);
      },
      {},
      { GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY: 'true' },
    );
    const [bad, good] = await Promise.allSettled([
      provider.listModels?.(
        createTestCallContext({ credentials: { headers: { 'x-goog-api-key': 'bad-client-key' } } }),
      ),
      provider.listModels?.(
        createTestCallContext({
          credentials: { headers: { 'x-goog-api-key': 'good-client-key' } },
        }),
      ),
    ]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { status: 401 } });
    expect(good).toMatchObject({
      status: 'fulfilled',
      value: expect.arrayContaining([expect.objectContaining({ id: 'gemini-2.5-flash' })]),
    });
    expect(mock.requests.map((request) => request.headers['x-goog-api-key']).sort()).toEqual([
      'bad-client-key',
      'good-client-key',
    ]);
    // A client's listing feeds neither other clients nor routing.
    expect(provider.knownModels?.()).toBeUndefined();
    await provider.listModels?.(
      createTestCallContext({ credentials: { headers: { 'x-goog-api-key': 'good-client-key' } } }),
    );
    await provider.listModels?.(createTestCallContext());
    expect(mock.requests.map((request) => request.headers['x-goog-api-key'])).toHaveLength(3);
    expect(mock.requests[2]?.headers['x-goog-api-key']).toBe('server-key');
    expect(provider.knownModels?.()?.has('gemini-2.5-flash')).toBe(true);
  });

  it('runs at most 4 completion prompts upstream at once, keeping prompt order', async () => {
    const [answer] = readRecording('generateContent.systemInstruction.recording.json').response;
    let running = 0;
    let peak = 0;
    const { mock, provider } = await setup(async (_request, response) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 15));
      running--;
      sendJson(response, 200, answer);
    });
    const prompts = Array.from({ length: 10 }, (_, index) => `p${index}`);
    const result = await provider.createCompletion?.(
      { model: 'gemini-2.5-flash', prompt: prompts, echo: true },
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    const body = json(result as OperationResultV1<Completion, Completion>);
    expect(mock.requests).toHaveLength(10);
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThan(1);
    expect(body.choices.map((choice) => [choice.index, choice.text])).toEqual(
      prompts.map((prompt, index) => [index, `${prompt}low`]),
    );
  });

  it('refuses more than 2048 completion prompts with a 400 on prompt before calling upstream', async () => {
    const { mock, provider } = await setup(() => {});
    const call = provider.createCompletion?.(
      { model: 'gemini-2.5-flash', prompt: Array.from({ length: 2049 }, () => 'x') },
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    await expect(call).rejects.toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'prompt',
      message: expect.stringContaining('at most 2048'),
    });
    expect(mock.requests).toHaveLength(0);
  });
});
