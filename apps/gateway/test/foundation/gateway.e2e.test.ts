import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';
import { type MockUpstream, startMockUpstream } from '@multi-ai-proxy/core/testing';

const FAKE_PLUGIN = resolve(import.meta.dirname, '__fixtures__/fake-provider-plugin');

// The fake upstream's answers; a synthetic shape, since this tests the host, not a real provider.
const completion = (model: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model,
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hello' },
      finish_reason: 'stop',
      logprobs: null,
    },
  ],
});
const chunk = (content: string) => ({
  id: 'chatcmpl-2',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'fake-model',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});

// biome-ignore lint/suspicious/noExplicitAny: assertions below read arbitrary JSON answers
type Json = any;
const readJson = async (response: Response): Promise<Json> => response.json();

let release: () => void = () => {};
let upstream: MockUpstream;
let gateway: RunningGateway;

function writeConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'map-e2e-'));
  const path = join(dir, 'gateway.yaml');
  writeFileSync(
    path,
    `providers:\n  - name: fake\n    package: ${FAKE_PLUGIN}\n    options:\n      upstreamUrl: ${upstream.url}\nroutes:\n  friendly: fake/fake-model\n`,
  );
  return path;
}

beforeAll(async () => {
  upstream = await startMockUpstream([
    {
      method: 'POST',
      path: '/chat',
      reply: (request) => {
        const body = request.json() as Record<string, unknown>;
        if (body.model === 'fake-limited')
          return {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': '7' },
            body: '{"error":"slow down"}',
          };
        return { body: { ...completion(String(body.model)), echo: body } };
      },
    },
    {
      method: 'POST',
      path: '/stream',
      // The rest only once the test has seen the first chunk arrive at the client.
      reply: (request) =>
        (request.json() as { model?: string }).model === 'fake-midstream-error'
          ? { sse: [chunk('one'), { error: 'upstream broke' }] }
          : {
              sse: [chunk('one'), chunk('two'), '[DONE]'],
              pause: {
                afterEvents: 1,
                until: new Promise<void>((resolvePromise) => {
                  release = resolvePromise;
                }),
              },
            },
    },
  ]);
  gateway = await startGateway({
    env: {
      MULTI_AI_PROXY_CONFIG: writeConfig(),
      MULTI_AI_PROXY_JSON_LIMIT: '2kb',
      MULTI_AI_PROXY_SHUTDOWN_TIMEOUT_MS: '5000',
      MULTI_AI_PROXY_REQUEST_TIMEOUT_MS: '1000',
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** Writes raw bytes on a new connection and returns everything the gateway answered until it closed. */
function rawExchange(text: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const { port } = new URL(gateway.url);
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      answer += data;
    });
    socket.on('close', () => resolvePromise(answer));
    socket.on('error', reject);
    socket.setTimeout(8000, () => socket.destroy(new Error(`no answer: ${answer}`)));
  });
}

/** Reads an SSE response event by event, with a hook after each one. */
async function readEvents(
  response: Response,
  onEvent: (data: string, index: number) => void,
): Promise<string[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: string[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const data = buffer.slice(0, end).replace(/^data: /, '');
      buffer = buffer.slice(end + 2);
      events.push(data);
      onEvent(data, events.length - 1);
      end = buffer.indexOf('\n\n');
    }
  }
  return events;
}

describe('gateway process with a fake plugin', () => {
  it('routes a chat request by alias and answers with the provider result', async () => {
    const response = await post(
      '/v1/chat/completions',
      { model: 'fake-alias', messages: [{ role: 'user', content: 'hi' }] },
      { authorization: 'Bearer client-key', 'x-request-id': 'trace-123' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await readJson(response);
    expect(body.choices[0].message).toEqual({ role: 'assistant', content: 'Hello' });
    // The plugin saw the mapped upstream model, the request id and the client's credentials.
    expect(body.echo).toMatchObject({
      model: 'fake-alias',
      upstreamModel: 'fake-upstream-model',
      requestId: 'trace-123',
      credentials: { bearer: 'client-key' },
    });
    // And the access log has one line for it, without the key.
    const findLine = () =>
      gateway.logs.find((entry) => entry.requestId === 'trace-123' && entry.msg === 'request');
    await expect.poll(findLine, { timeout: 3000 }).toBeDefined();
    expect(findLine()).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'fake-alias',
      provider: 'fake',
      upstreamModel: 'fake-upstream-model',
      status: 200,
    });
    expect(JSON.stringify(gateway.logs) + gateway.stderr()).not.toContain('client-key');
  });

  it('routes config-file aliases and patterns, and lists models with the aliases', async () => {
    const aliased = await readJson(
      await post('/v1/chat/completions', {
        model: 'friendly',
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(aliased.echo).toMatchObject({ model: 'fake-model', upstreamModel: 'fake-model' });
    const models = await readJson(await fetch(`${gateway.url}/v1/models`));
    expect(models).toEqual({
      object: 'list',
      data: [
        { id: 'fake-model', object: 'model', created: 0, owned_by: 'fake' },
        { id: 'friendly', object: 'model', created: 0, owned_by: 'fake' },
      ],
    });
    const retrieved = await fetch(`${gateway.url}/v1/models/fake-model`);
    expect(await readJson(retrieved)).toEqual({
      id: 'fake-model',
      object: 'model',
      created: 0,
      owned_by: 'fake',
    });
  });

  it('streams chunk by chunk: the client has the first chunk before the upstream sends the second', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'fake-model',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const events = await readEvents(response, (_data, index) => {
      if (index === 0) release();
    });
    expect(
      events.map((data) => (data === '[DONE]' ? data : JSON.parse(data).choices[0].delta.content)),
    ).toEqual(['one', 'two', '[DONE]']);
  });

  it('aborts the upstream call when the client disconnects mid-stream', async () => {
    const controller = new AbortController();
    const response = await post('/v1/chat/completions', {
      model: 'fake-model',
      stream: true,
      messages: [{ role: 'user', content: 'bye' }],
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const closedEarly = () => upstream.requests.filter((request) => request.closedEarly).length;
    const before = closedEarly();
    await reader.cancel();
    controller.abort();
    await expect.poll(closedEarly, { timeout: 3000 }).toBe(before + 1);
    release();
    // A client leaving is not a gateway error: no error line, and the access line says aborted.
    const aborted = () =>
      gateway.logs.find(
        (entry) =>
          entry.msg === 'request' &&
          entry.aborted === true &&
          entry.path === '/v1/chat/completions',
      );
    await expect.poll(aborted, { timeout: 3000 }).toBeDefined();
    expect(gateway.logs.filter((entry) => entry.msg === 'request failed')).toEqual([]);
    // The gateway keeps serving.
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  });

  it('reports a mid-stream failure as one OpenAI error event and ends without [DONE]', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'fake-midstream-error',
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await readEvents(response, () => {});
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0] as string).choices[0].delta.content).toBe('one');
    expect(JSON.parse(events[1] as string)).toEqual({
      error: { message: 'upstream broke', type: 'api_error', param: null, code: null },
    });
  });

  it('writes a JSON result with the status and headers the plugin chose', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'fake-accepted',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-fake-status')).toBe('yes');
    expect(await readJson(response)).toEqual({ accepted: true });
  });

  it('passes upstream errors on with their status and retry-after', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'fake-limited',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    // Browser clients can read the retry and rate-limit headers only when they are exposed.
    expect(response.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(response.headers.get('access-control-expose-headers')).toContain(
      'x-ratelimit-remaining-requests',
    );
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(await readJson(response)).toEqual({
      error: {
        message: '{"error":"slow down"}',
        type: 'rate_limit_error',
        param: null,
        code: null,
      },
    });
  });

  it('answers CORS preflight on any path without calling upstream', async () => {
    const count = upstream.requests.length;
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-stainless-os, API-Key, x-stainless-os',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'Authorization, api-key, Content-Type, x-request-id, OpenAI-Organization, OpenAI-Project, OpenAI-Beta, x-stainless-os',
    );
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-max-age')).toBe('86400');
    expect(upstream.requests.length).toBe(count);
  });

  it.each([
    [
      'GET',
      '/v1/nothing-here',
      undefined,
      404,
      { code: 'unknown_url', message: 'Unknown route: GET /v1/nothing-here.' },
    ],
    [
      'DELETE',
      '/v1/chat/completions',
      undefined,
      405,
      {
        code: 'method_not_allowed',
        message: 'Method DELETE is not allowed on /v1/chat/completions; use POST.',
      },
    ],
    [
      'POST',
      '/v1/chat/completions',
      '{"model": "fake-model", "messages": [',
      400,
      { code: 'invalid_json' },
    ],
    [
      'POST',
      '/v1/chat/completions',
      '[1,2]',
      400,
      { code: 'invalid_json', message: 'The JSON body must be an object.' },
    ],
    [
      'POST',
      '/v1/chat/completions',
      JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }),
      400,
      { param: 'model', code: 'missing_required_parameter' },
    ],
    [
      'POST',
      '/v1/chat/completions',
      '',
      400,
      { param: 'model', code: 'missing_required_parameter' },
    ],
    [
      'POST',
      '/v1/chat/completions',
      '{"model":"fake-model","messages":[{}],"__proto__":{"x":1}}',
      400,
      { code: 'invalid_json' },
    ],
    [
      'POST',
      '/v1/responses/resp_1/cancel',
      undefined,
      404,
      {
        code: 'unsupported_operation',
        message: 'No configured provider supports the responses API. Loaded providers: fake.',
      },
    ],
    [
      'POST',
      '/v1/chat/completions',
      JSON.stringify({ model: 42, messages: [] }),
      400,
      { param: 'model' },
    ],
    [
      'POST',
      '/v1/chat/completions',
      JSON.stringify({ model: 'fake-model', messages: 'hi' }),
      400,
      { param: 'messages', code: 'invalid_type' },
    ],
    [
      'POST',
      '/v1/chat/completions',
      JSON.stringify({ model: 'fake-model', messages: [{}], stream: 'yes' }),
      400,
      { param: 'stream' },
    ],
    [
      'POST',
      '/v1/chat/completions',
      JSON.stringify({ model: 'fake-model', messages: [{ content: 'x'.repeat(4000) }] }),
      413,
      { code: 'request_too_large' },
    ],
    [
      'POST',
      '/v1/embeddings',
      JSON.stringify({ model: 'fake-model', input: 'x' }),
      400,
      { code: 'unsupported_operation', message: 'Provider "fake" does not support embeddings.' },
    ],
  ])(
    '%s %s (case %#) answers with an OpenAI error body',
    async (method, path, body, status, expected) => {
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(status);
      const json = await readJson(response);
      expect(Object.keys(json.error).sort()).toEqual(['code', 'message', 'param', 'type']);
      expect(json.error).toMatchObject({ type: 'invalid_request_error', ...expected });
    },
  );

  it('routes a multipart upload by its model form field and forwards the exact bytes', async () => {
    const form = new FormData();
    form.append('model', 'fake-model');
    form.append('file', new Blob([new Uint8Array(1000)]), 'a.wav');
    // The fake provider only declares `files`, so audio is refused naming the provider…
    const audio = await fetch(`${gateway.url}/v1/audio/transcriptions`, {
      method: 'POST',
      body: form,
    });
    expect(audio.status).toBe(400);
    expect((await readJson(audio)).error.message).toBe(
      'Provider "fake" does not support the audio.transcriptions API.',
    );
    // …while files reach it with params and the whole body.
    const upload = await fetch(`${gateway.url}/v1/files`, { method: 'POST', body: form });
    expect(upload.status).toBe(200);
    expect(upload.headers.get('x-fake')).toBe('1');
    // The gateway's request id and CORS policy win over the upstream's; its id is kept apart.
    expect(upload.headers.get('x-request-id')).toMatch(/^req_/);
    expect(upload.headers.get('x-upstream-request-id')).toBe('upstream-id-1');
    expect(upload.headers.get('access-control-allow-origin')).toBe('*');
    const answer = await readJson(upload);
    expect(answer).toMatchObject({ operation: 'files', params: { fileId: '', rest: '' } });
    expect(answer.bytes).toBeGreaterThan(1000);
    expect(await readJson(await fetch(`${gateway.url}/v1/files/file-1/content`))).toMatchObject({
      params: { fileId: 'file-1', rest: '/content' },
      bytes: 0,
    });
  });

  it('answers 404 model_not_found naming the providers for a model nobody serves', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(response.status).toBe(404);
    expect((await readJson(response)).error).toEqual({
      message:
        'The model `gpt-4o` does not exist or no configured provider serves it. Configured providers: fake; prefix the model with one of them (e.g. `fake/gpt-4o`).',
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    });
  });

  it('answers a stalled request body with 408 once MULTI_AI_PROXY_REQUEST_TIMEOUT_MS passed', async () => {
    const started = Date.now();
    const answer = await rawExchange(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"model":`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"code":"request_timeout"');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers headers too large for Node with an OpenAI-shaped 431', async () => {
    const answer = await rawExchange(
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      error: {
        message: 'Request Header Fields Too Large.',
        type: 'invalid_request_error',
        param: null,
        code: 'request_header_fields_too_large',
      },
    });
  });

  it('survives a client that sends a truncated body and hangs up', async () => {
    await new Promise<void>((resolvePromise) => {
      const request = httpRequest(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '500' },
      });
      request.on('error', () => resolvePromise());
      request.write('{"model":"fake-model",');
      setTimeout(() => {
        request.destroy();
        resolvePromise();
      }, 50);
    });
    expect(await readJson(await fetch(`${gateway.url}/healthz`))).toEqual({ status: 'healthy' });
  });
});

describe('gateway API keys', () => {
  let secured: RunningGateway;
  beforeAll(async () => {
    secured = await startGateway({
      env: { MULTI_AI_PROXY_CONFIG: writeConfig(), MULTI_AI_PROXY_API_KEYS: 'gw-key-1,gw-key-2' },
    });
  });
  afterAll(() => secured?.stop());

  it('refuses requests without one of the keys, with an OpenAI 401', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong' },
      { 'api-key': 'gw-key-3' },
    ] as Record<string, string>[]) {
      const response = await fetch(`${secured.url}/v1/models`, { headers });
      expect(response.status).toBe(401);
      expect((await readJson(response)).error).toMatchObject({
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      });
    }
  });

  it('accepts either key as Bearer or api-key and hands the provider no client credentials', async () => {
    const body = { model: 'fake-model', messages: [{ role: 'user', content: 'x' }] };
    const viaBearer = await fetch(`${secured.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer gw-key-2' },
      body: JSON.stringify(body),
    });
    expect((await readJson(viaBearer)).echo.credentials).toBeNull();
    const viaApiKey = await fetch(`${secured.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': 'gw-key-1' },
      body: JSON.stringify(body),
    });
    expect(viaApiKey.status).toBe(200);
  });

  it('keeps /healthz and preflight open', async () => {
    expect((await fetch(`${secured.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${secured.url}/v1/models`, { method: 'OPTIONS' })).status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('lets a stream in flight finish after SIGTERM, refuses new connections, then exits 0', async () => {
    const draining = await startGateway({
      env: { MULTI_AI_PROXY_CONFIG: writeConfig(), MULTI_AI_PROXY_SHUTDOWN_TIMEOUT_MS: '5000' },
    });
    const response = await fetch(`${draining.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'fake-model',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
    });
    let stopped: Promise<number | null> | undefined;
    let healthAfterSignal = '';
    const events = await readEvents(response, (_data, index) => {
      if (index !== 0) return;
      stopped = draining.stop('SIGTERM');
      // Give the signal time to land before the upstream finishes the stream.
      setTimeout(() => {
        fetch(`${draining.url}/healthz`).then(
          (answer) => {
            healthAfterSignal = `answered ${answer.status}`;
            release();
          },
          () => {
            healthAfterSignal = 'refused';
            release();
          },
        );
      }, 200);
    });
    expect(healthAfterSignal).toBe('refused');
    expect(events.at(-1)).toBe('[DONE]');
    expect(events).toHaveLength(3);
    expect(await stopped).toBe(0);
    expect(draining.logs.some((entry) => entry.msg === 'shutting down')).toBe(true);
  });
});

describe('startup', () => {
  it('starts with nothing configured and tells which variables to set', async () => {
    const bare = await startGateway({ env: {} });
    try {
      expect(await readJson(await fetch(`${bare.url}/healthz`))).toEqual({ status: 'healthy' });
      const response = await fetch(`${bare.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}',
      });
      expect(response.status).toBe(404);
      expect((await readJson(response)).error.message).toContain(
        'Set AZURE_OPENAI_ENDPOINT (Azure OpenAI), GOOGLE_AI_STUDIO_API_KEY',
      );
    } finally {
      await bare.stop();
    }
  });

  it('fails with the setting named when the configuration is bad', async () => {
    await expect(startGateway({ env: { AZURE_OPENAI_PROXY_MODE: 'bedrock' } })).rejects.toThrow(
      'multi-ai-proxy: startup failed: AZURE_OPENAI_PROXY_MODE: "bedrock" is not one of azure, google, vertex, openai, anthropic.',
    );
  });
});
