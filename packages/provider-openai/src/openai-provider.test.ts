import { EventEmitter, once } from 'node:events';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type {
  CallContextV1,
  GatewayError,
  ModelCallContextV1,
  ProviderV1,
  RawResultV1,
  UpstreamApiError,
} from '@multi-ai-proxy/core';
import {
  createTestCallContext,
  createTestPluginContext,
  type MockUpstream,
  type MockUpstreamReply,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from './openai-provider.js';
import { parseOpenAIProviderOptions } from './openai-provider-options.js';
import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';

const fixture = (name: string) => readUpstreamFixture('azure', name);

let upstream: MockUpstream;
beforeAll(async () => {
  upstream = await startMockUpstream();
});
afterAll(() => upstream.close());

/** From now on every upstream request gets `reply` (and the recorded requests start afresh). */
const answer = (reply: MockUpstreamReply) => upstream.reset([{ path: /^\//, reply }]);
beforeEach(() => answer({ body: {} }));

function provider(env: Record<string, string> = {}, timeoutMs = 5000): ProviderV1 {
  const options = parseOpenAIProviderOptions(
    {},
    { OPENAI_API_ENDPOINT: `${upstream.url}/ignored`, ...env },
  );
  return createOpenAIProvider(
    options,
    createTestPluginContext({ instanceName: 'openai', upstreamTimeoutMs: timeoutMs }),
  );
}

const chatBody = '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}';
function chatContext(overrides: Partial<CallContextV1> = {}): ModelCallContextV1 {
  return createTestCallContext({
    rawBody: Buffer.from(chatBody),
    ...overrides,
    model: 'gpt-4o',
    upstreamModel: 'gpt-4o',
  });
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: GatewayError) => error,
  );

describe('openai provider', () => {
  it('forwards chat to the endpoint with its path prefix kept, Bearer auth, no api-key, client query and exact bytes', async () => {
    const recorded = fixture('chat-completions.response.content-filter.gpt-4.1.json');
    answer({
      body: recorded,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
    });
    const result = (await provider().createChatCompletion?.(
      JSON.parse(chatBody),
      chatContext({ search: 'x=1', credentials: { bearer: 'sk-1', apiKey: 'z' } }),
    )) as RawResultV1;
    const sent = upstream.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/ignored/v1/chat/completions?x=1');
    expect(sent.headers.authorization).toBe('Bearer sk-1');
    expect(sent.headers['api-key']).toBeUndefined();
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.body.toString()).toBe(chatBody);
    expect(result.kind).toBe('raw');
    expect(result.status).toBe(200);
    expect(result.headers['x-request-id']).toBe('req-1');
    expect((await buffer(result.body as Readable)).equals(recorded)).toBe(true);
  });

  it('uses the server-side OPENAI_API_KEY instead of the client key, and strips a trailing /v1 from the endpoint', async () => {
    const options = parseOpenAIProviderOptions(
      {},
      { OPENAI_API_ENDPOINT: `${upstream.url}/v1/`, OPENAI_API_KEY: 'sk-server' },
    );
    const openai = createOpenAIProvider(
      options,
      createTestPluginContext({ instanceName: 'openai' }),
    );
    await openai.createEmbedding?.(
      { model: 'text-embedding-3-small', input: 'x' },
      createTestCallContext({
        model: 'text-embedding-3-small',
        rawBody: Buffer.from('{"model":"text-embedding-3-small","input":"x"}'),
        credentials: { bearer: 'sk-client' },
      }),
    );
    expect(upstream.requests[0]?.url).toBe('/v1/embeddings');
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer sk-server');
  });

  it('rewrites the body model when routing removed an instance prefix', async () => {
    const raw = '{"model":"openai/gpt-4o","prompt":"x"}';
    await provider().createCompletion?.(
      JSON.parse(raw),
      createTestCallContext({
        model: 'gpt-4o',
        upstreamModel: 'gpt-4o',
        rawBody: Buffer.from(raw),
      }),
    );
    expect(upstream.requests[0]?.url).toBe('/ignored/v1/completions');
    expect(JSON.parse(upstream.requests[0]!.body.toString())).toEqual({
      model: 'gpt-4o',
      prompt: 'x',
    });
  });

  it('streams: the client reads the first chunk before the upstream sends the last', async () => {
    const lines = fixture('chat-completions.stream.content-filter.model-router.chunks.txt')
      .toString()
      .trim()
      .split('\n');
    const gate = new EventEmitter();
    answer({
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      sse: [...lines, '[DONE]'],
      pause: { afterEvents: 1, until: once(gate, 'release') },
    });
    const result = (await provider().createChatCompletion?.(
      { ...JSON.parse(chatBody), stream: true },
      chatContext(),
    )) as RawResultV1;
    expect(result.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(result.headers['x-accel-buffering']).toBe('no');
    const iterator = (result.body as NodeJS.ReadableStream)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value.toString()).toBe(`data: ${lines[0]}\n\n`);
    expect(upstream.requests).toHaveLength(1);
    gate.emit('release');
    let rest = '';
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      rest += next.value.toString();
    expect(rest).toBe(
      `${lines
        .slice(1)
        .map((line) => `data: ${line}\n\n`)
        .join('')}data: [DONE]\n\n`,
    );
  });

  it('turns an upstream 429 into UpstreamApiError keeping status, retry headers and detail', async () => {
    answer({
      status: 429,
      body: {
        error: {
          message: 'Rate limit reached for sk-client-secret-123',
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
      headers: { 'retry-after': '3', 'x-ratelimit-remaining-requests': '0' },
    });
    const error = await rejection(
      provider().createChatCompletion!(
        JSON.parse(chatBody),
        chatContext({ credentials: { bearer: 'sk-client-secret-123' } }),
      ),
    );
    expect(error.status).toBe(429);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.type).toBe('requests');
    expect(error.message).toBe('Rate limit reached for [redacted]');
    expect(error.headers).toEqual({ 'retry-after': '3', 'x-ratelimit-remaining-requests': '0' });
    // The upstream's own error object is kept for the client, the echoed credential scrubbed there too.
    expect((error as UpstreamApiError).upstreamError).toEqual({
      message: 'Rate limit reached for [redacted]',
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    });
  });

  it('answers 502 naming the host when the upstream is unreachable, 504 when it is too slow', async () => {
    const options = parseOpenAIProviderOptions({}, { OPENAI_API_ENDPOINT: 'http://127.0.0.1:1' });
    const unreachable = createOpenAIProvider(
      options,
      createTestPluginContext({ instanceName: 'openai' }),
    );
    const error = await rejection(
      unreachable.createChatCompletion!(
        JSON.parse(chatBody),
        chatContext({ credentials: { bearer: 'sk-secret-value' } }),
      ),
    );
    expect(error.status).toBe(502);
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).not.toContain('sk-secret-value');

    answer({ delayMs: 400, body: {} });
    const timeout = await rejection(
      provider({}, 100).createChatCompletion!(JSON.parse(chatBody), chatContext()),
    );
    expect(timeout.status).toBe(504);
    expect(timeout.code).toBe('upstream_timeout');
  });

  it('lists models in OpenAI format, caches them and reports them as known', async () => {
    answer({
      body: {
        object: 'list',
        data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'system' }, { id: 'x' }],
      },
    });
    const openai = provider();
    expect(openai.knownModels?.()).toBeUndefined();
    const models = await openai.listModels!(
      createTestCallContext({ credentials: { bearer: 'k' } }),
    );
    expect(models).toEqual([
      { id: 'gpt-4o', object: 'model', created: 1, owned_by: 'system' },
      { id: 'x', object: 'model', created: 0, owned_by: 'openai' },
    ]);
    await openai.listModels!(createTestCallContext({ credentials: { bearer: 'k' } }));
    expect(upstream.requests.map((request) => request.url)).toEqual(['/ignored/v1/models']);
    expect([...(openai.knownModels?.() ?? [])]).toEqual(['gpt-4o', 'x']);
  });

  it('passes the client api-key header on as Bearer when no server key is set', async () => {
    await provider().createChatCompletion?.(
      JSON.parse(chatBody),
      chatContext({ credentials: { apiKey: 'sk-from-api-key' } }),
    );
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer sk-from-api-key');
    expect(upstream.requests[0]?.headers['api-key']).toBeUndefined();
  });

  it('forwards the OpenAI organization, project and beta headers but not cookies', async () => {
    const headers = {
      'openai-organization': 'org-1',
      'openai-project': 'proj-1',
      'openai-beta': 'assistants=v2',
      cookie: 'session=secret',
    };
    await provider().createChatCompletion?.(
      JSON.parse(chatBody),
      chatContext({ headers, credentials: { bearer: 'sk-1' } }),
    );
    const sent = upstream.requests[0]!.headers;
    expect(sent['openai-organization']).toBe('org-1');
    expect(sent['openai-project']).toBe('proj-1');
    expect(sent['openai-beta']).toBe('assistants=v2');
    expect(sent.cookie).toBeUndefined();
  });

  it('reads file content from /v1/files/{id}/content and hands back its bytes unchanged', async () => {
    // Synthetic file bytes (no recording of a file download): every byte value, so any re-encoding shows.
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
    answer({ body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    const result = (await provider().passthrough!(
      {
        operation: 'files',
        method: 'GET',
        path: '/v1/files/file-1/content',
        params: { fileId: 'file-1', rest: '/content' },
        contentType: undefined,
        body: undefined,
      },
      createTestCallContext({ credentials: { bearer: 'sk-1' } }),
    )) as RawResultV1;
    expect(upstream.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /ignored/v1/files/file-1/content',
    ]);
    expect(result.kind).toBe('raw');
    expect(result.status).toBe(200);
    expect((await buffer(result.body as Readable)).equals(bytes)).toBe(true);
  });

  it('maps the legacy /v1/fine_tunes route to /v1/fine_tuning/jobs and files routes as given', async () => {
    const openai = provider();
    await openai.passthrough!(
      {
        operation: 'fine_tuning',
        method: 'GET',
        path: '/v1/fine_tunes/ft-1/events',
        params: { rest: '/ft-1/events', legacy: 'true' },
        contentType: undefined,
        body: undefined,
      },
      createTestCallContext(),
    );
    await openai.passthrough!(
      {
        operation: 'files',
        method: 'DELETE',
        path: '/v1/files/file-1',
        params: { fileId: 'file-1', rest: '' },
        contentType: undefined,
        body: undefined,
      },
      createTestCallContext(),
    );
    expect(upstream.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /ignored/v1/fine_tuning/jobs/ft-1/events',
      'DELETE /ignored/v1/files/file-1',
    ]);
    const error = await rejection(
      openai.passthrough!(
        {
          operation: 'files',
          method: 'GET',
          path: '/v1/files/..',
          params: { fileId: '..', rest: '' },
          contentType: undefined,
          body: undefined,
        },
        createTestCallContext(),
      ),
    );
    expect(error.status).toBe(400);
  });
});
