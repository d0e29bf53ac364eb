import { EventEmitter, once } from 'node:events';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  type CallContextV1,
  type GatewayError,
  type ModelCallContextV1,
  mapUpstreamModel,
  type PassthroughRequestV1,
  type ProviderV1,
  type RawResultV1,
  type UpstreamApiError,
} from '@multi-ai-proxy/core';
import {
  createTestCallContext,
  createTestPluginContext,
  type MockUpstream,
  type MockUpstreamReply,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAzureProvider } from './azure-provider.js';
import { parseAzureProviderOptions } from './azure-provider-options.js';
import { FILTER_RESULTS_COMMENT } from './create-azure-chunk-filter.js';

const fixture = (name: string) => readUpstreamFixture('azure', name);
// A syntactically valid JWT (header.payload.signature), not a real token.
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl';

let upstream: MockUpstream;
beforeAll(async () => {
  upstream = await startMockUpstream();
});
afterAll(() => upstream.close());

/** From now on every upstream request gets `reply` (and the recorded requests start afresh). */
const answer = (reply: MockUpstreamReply) => upstream.reset([{ path: /^\//, reply }]);
/** A recorded JSON answer, served byte for byte. */
const recorded = (
  name: string,
  status = 200,
  headers: Record<string, string> = {},
): MockUpstreamReply => ({
  status,
  body: fixture(name),
  headers: { 'content-type': 'application/json', ...headers },
});
const bytes = (result: RawResultV1) => buffer(result.body as Readable);
beforeEach(() => answer({ body: {} }));

function azure(env: Record<string, string> = {}, timeoutMs = 5000): ProviderV1 {
  const options = parseAzureProviderOptions(
    {},
    { AZURE_OPENAI_ENDPOINT: `${upstream.url}/apim/`, ...env },
  );
  return createAzureProvider(
    options,
    createTestPluginContext({ instanceName: 'azure', upstreamTimeoutMs: timeoutMs }),
  );
}

/** The call context the gateway builds: routing resolved `model` once, through the provider's mapModel. */
function routed(
  provider: ProviderV1,
  model: string,
  overrides: Partial<CallContextV1> = {},
): ModelCallContextV1 {
  return createTestCallContext({
    ...overrides,
    model,
    upstreamModel: mapUpstreamModel(provider, model),
  });
}

async function chat(
  provider: ProviderV1,
  body: Record<string, unknown>,
  overrides: Partial<CallContextV1> = {},
): Promise<RawResultV1> {
  const raw = Buffer.from(JSON.stringify(body));
  return (await provider.createChatCompletion!(
    body as never,
    routed(provider, body.model as string, { rawBody: raw, ...overrides }),
  )) as RawResultV1;
}

function passthrough(
  operation: PassthroughRequestV1['operation'],
  method: string,
  path: string,
  params: Record<string, string> = {},
  body?: Buffer,
  contentType?: string,
): PassthroughRequestV1 {
  return { operation, method, path, params, body, contentType };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: GatewayError) => error,
  );

const last = () => upstream.requests.at(-1)!;

describe('azure provider, classic deployments surface', () => {
  it('scenario 1: plain chat goes to the deployment URL with api-key, body and answer byte for byte', async () => {
    answer(
      recorded('chat-completions.response.content-filter.gpt-4.1.json', 200, {
        'apim-request-id': 'apim-1',
        'x-ratelimit-remaining-tokens': '99',
      }),
    );
    const body = '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}';
    const provider = azure();
    const result = (await provider.createChatCompletion!(
      JSON.parse(body),
      routed(provider, 'gpt-4o', { rawBody: Buffer.from(body), credentials: { bearer: 'K' } }),
    )) as RawResultV1;
    expect(last().method).toBe('POST');
    expect(last().url).toBe(
      '/apim/openai/deployments/gpt-4o/chat/completions?api-version=2025-04-01-preview',
    );
    expect(last().headers['api-key']).toBe('K');
    expect(last().headers.authorization).toBeUndefined();
    expect(last().headers['content-type']).toBe('application/json');
    expect(last().body.toString()).toBe(body);
    expect(result).toMatchObject({ kind: 'raw', status: 200 });
    expect(result.headers).toMatchObject({
      'apim-request-id': 'apim-1',
      'x-ratelimit-remaining-tokens': '99',
      'content-type': 'application/json',
    });
    // Azure's content-filter results survive.
    expect(
      (await bytes(result)).equals(
        fixture('chat-completions.response.content-filter.gpt-4.1.json'),
      ),
    ).toBe(true);
  });

  it('scenario 2: built-in mapping on chat, embeddings, images and speech', async () => {
    const provider = azure();
    await chat(provider, { model: 'GPT-3.5-Turbo', messages: [] });
    expect(last().url).toBe(
      '/apim/openai/deployments/gpt-35-turbo-0613/chat/completions?api-version=2025-04-01-preview',
    );
    const embedding = '{"model":"text-embedding-3-small","input":"x"}';
    await provider.createEmbedding!(
      JSON.parse(embedding),
      routed(provider, 'text-embedding-3-small', { rawBody: Buffer.from(embedding) }),
    );
    expect(last().url).toBe(
      '/apim/openai/deployments/text-embedding-3-small-1/embeddings?api-version=2025-04-01-preview',
    );
    expect(last().body.toString()).toBe(embedding);
    const image = Buffer.from('{"model":"dall-e-3","prompt":"cat"}');
    await provider.passthrough!(
      passthrough(
        'images.generations',
        'POST',
        '/v1/images/generations',
        {},
        image,
        'application/json',
      ),
      routed(provider, 'dall-e-3'),
    );
    expect(last().url).toBe(
      '/apim/openai/deployments/dall-e-3-3.0/images/generations?api-version=2025-04-01-preview',
    );
    expect(last().body.equals(image)).toBe(true);
    await provider.passthrough!(
      passthrough(
        'audio.speech',
        'POST',
        '/v1/audio/speech',
        {},
        Buffer.from('{"model":"tts","input":"hi","voice":"alloy"}'),
        'application/json',
      ),
      routed(provider, 'tts'),
    );
    expect(last().url).toBe(
      '/apim/openai/deployments/tts-001/audio/speech?api-version=2025-04-01-preview',
    );
  });

  it('scenarios 3 and 4: mapper override, date-suffix fallback, unknown model verbatim', async () => {
    const provider = azure({ AZURE_OPENAI_MODEL_MAPPER: 'gpt-4o=prod-4o, bad,x=y=z' });
    await chat(provider, { model: 'gpt-4o', messages: [] });
    expect(last().url).toContain('/openai/deployments/prod-4o/chat/completions?');
    await chat(provider, { model: 'gpt-4', messages: [] });
    expect(last().url).toContain('/openai/deployments/gpt-4-0613/');
    await chat(provider, { model: 'gpt-4.1-2030-01-01', messages: [] });
    expect(last().url).toContain('/openai/deployments/gpt-4.1/');
    await chat(provider, { model: 'MyDeploy', messages: [] });
    expect(last().url).toContain('/openai/deployments/MyDeploy/');
  });

  it('reports malformed mapper pairs once at startup, without their values', () => {
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (_fields: unknown, message: string) => warnings.push(message),
    };
    const options = parseAzureProviderOptions(
      {},
      { AZURE_OPENAI_ENDPOINT: upstream.url, AZURE_OPENAI_MODEL_MAPPER: 'ok=1,leaked-value' },
    );
    createAzureProvider(options, createTestPluginContext({ instanceName: 'azure', logger }));
    expect(warnings).toEqual([
      'AZURE_OPENAI_MODEL_MAPPER: entry 2 is not "model=deployment" and is ignored.',
    ]);
  });

  it('scenario 5: api-key wins over Authorization; a JWT stays Bearer; no credentials → Azure 401 as an error', async () => {
    const provider = azure();
    await chat(
      provider,
      { model: 'gpt-4o', messages: [] },
      { credentials: { apiKey: 'A', bearer: 'B' } },
    );
    expect(last().headers).toMatchObject({ 'api-key': 'A' });
    expect(last().headers.authorization).toBeUndefined();
    await chat(provider, { model: 'gpt-4o', messages: [] }, { credentials: { bearer: JWT } });
    expect(last().headers.authorization).toBe(`Bearer ${JWT}`);
    expect(last().headers['api-key']).toBeUndefined();
    answer({
      status: 401,
      body: {
        error: {
          code: '401',
          message: 'Access denied due to invalid subscription key or wrong API endpoint.',
        },
      },
    });
    const error = await rejection(chat(provider, { model: 'gpt-4o', messages: [] }));
    expect(last().headers['api-key']).toBeUndefined();
    expect(last().headers.authorization).toBeUndefined();
    expect(error).toMatchObject({
      status: 401,
      code: '401',
      message: 'Access denied due to invalid subscription key or wrong API endpoint.',
    });
  });

  it('uses AZURE_OPENAI_API_KEY instead of client keys', async () => {
    await chat(
      azure({ AZURE_OPENAI_API_KEY: 'server-key' }),
      { model: 'gpt-4o', messages: [] },
      { credentials: { bearer: JWT, apiKey: 'client' } },
    );
    expect(last().headers['api-key']).toBe('server-key');
    expect(last().headers.authorization).toBeUndefined();
  });

  it('scenario 6 (corrected): the client api-version replaces the default; other query parameters are kept', async () => {
    await chat(
      azure(),
      { model: 'gpt-4o', messages: [] },
      { search: 'foo=1&api-version=2024-02-01' },
    );
    expect(last().url).toBe(
      '/apim/openai/deployments/gpt-4o/chat/completions?foo=1&api-version=2024-02-01',
    );
  });

  it('scenario 7: files list/get/delete/content and multipart upload, byte for byte', async () => {
    const provider = azure();
    await provider.passthrough!(
      passthrough('files', 'GET', '/v1/files/file-1/content', {
        fileId: 'file-1',
        rest: '/content',
      }),
      createTestCallContext(),
    );
    expect(`${last().method} ${last().url}`).toBe(
      'GET /apim/openai/files/file-1/content?api-version=2025-04-01-preview',
    );
    await provider.passthrough!(
      passthrough('files', 'DELETE', '/v1/files/file-1', { fileId: 'file-1', rest: '' }),
      createTestCallContext(),
    );
    expect(`${last().method} ${last().url}`).toBe(
      'DELETE /apim/openai/files/file-1?api-version=2025-04-01-preview',
    );
    // Synthetic upload (no recorded multipart body exists).
    const form = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="t.jsonl"\r\n\r\n{"a":1}\r\n--b--\r\n',
    );
    await provider.passthrough!(
      passthrough(
        'files',
        'POST',
        '/v1/files',
        { rest: '' },
        form,
        'multipart/form-data; boundary=b',
      ),
      createTestCallContext(),
    );
    expect(`${last().method} ${last().url}`).toBe(
      'POST /apim/openai/files?api-version=2025-04-01-preview',
    );
    expect(last().headers['content-type']).toBe('multipart/form-data; boundary=b');
    expect(last().body.equals(form)).toBe(true);
  });

  it('multipart audio transcription reaches the deployment named by the form field model', async () => {
    const provider = azure();
    // Synthetic form (no recorded audio upload exists).
    const form = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\nRIFF\r\n--b\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper\r\n--b--\r\n',
    );
    answer({ body: { text: 'hello' } });
    const result = (await provider.passthrough!(
      passthrough(
        'audio.transcriptions',
        'POST',
        '/v1/audio/transcriptions',
        {},
        form,
        'multipart/form-data; boundary=b',
      ),
      routed(provider, 'whisper'),
    )) as RawResultV1;
    expect(last().url).toBe(
      '/apim/openai/deployments/whisper-001/audio/transcriptions?api-version=2025-04-01-preview',
    );
    expect(last().body.equals(form)).toBe(true);
    expect((await bytes(result)).toString()).toBe('{"text":"hello"}');
    const missing = await rejection(
      provider.passthrough!(
        passthrough(
          'audio.transcriptions',
          'POST',
          '/v1/audio/transcriptions',
          {},
          form,
          'multipart/form-data; boundary=b',
        ),
        createTestCallContext(),
      ),
    );
    expect(missing).toMatchObject({ status: 400, param: 'model' });
  });

  it('fine-tuning: /v1/fine_tuning/jobs and the legacy /v1/fine_tunes both reach fine_tuning/jobs', async () => {
    const provider = azure();
    await provider.passthrough!(
      passthrough('fine_tuning', 'GET', '/v1/fine_tunes/ft-1/events', {
        rest: '/ft-1/events',
        legacy: 'true',
      }),
      createTestCallContext(),
    );
    expect(last().url).toBe(
      '/apim/openai/fine_tuning/jobs/ft-1/events?api-version=2025-04-01-preview',
    );
    await provider.passthrough!(
      passthrough('fine_tuning', 'POST', '/v1/fine_tuning/jobs/ft-1/cancel', {
        rest: '/ft-1/cancel',
      }),
      createTestCallContext(),
    );
    expect(`${last().method} ${last().url}`).toBe(
      'POST /apim/openai/fine_tuning/jobs/ft-1/cancel?api-version=2025-04-01-preview',
    );
  });

  it('models retrieve/capabilities reach /openai/models/{id} with the models api-version', async () => {
    const provider = azure();
    await provider.passthrough!(
      passthrough('models.capabilities', 'GET', '/v1/models/gpt-4o/capabilities', {
        modelId: 'gpt-4o',
      }),
      createTestCallContext(),
    );
    expect(last().url).toBe('/apim/openai/models/gpt-4o?api-version=2024-10-21');
    await provider.passthrough!(
      passthrough('models.retrieve', 'GET', '/v1/models/gpt-4o', { modelId: 'gpt-4o' }),
      createTestCallContext(),
    );
    expect(last().url).toBe('/apim/openai/models/gpt-4o?api-version=2024-10-21');
  });

  it('scenario 8 (corrected): Responses on /openai/v1/responses with the body model mapped to the deployment', async () => {
    answer(recorded('responses.text.response.json'));
    const provider = azure({ AZURE_OPENAI_MODEL_MAPPER: 'reasoner=o3-pro-prod' });
    const plain = Buffer.from('{"model":"o3-pro","input":"x"}');
    const result = (await provider.passthrough!(
      passthrough('responses', 'POST', '/v1/responses', { rest: '' }, plain, 'application/json'),
      routed(provider, 'o3-pro'),
    )) as RawResultV1;
    expect(last().url).toBe('/apim/openai/v1/responses');
    expect(last().body.equals(plain)).toBe(true);
    expect((await bytes(result)).equals(fixture('responses.text.response.json'))).toBe(true);
    await provider.passthrough!(
      passthrough(
        'responses',
        'POST',
        '/v1/responses',
        { rest: '' },
        Buffer.from('{"model":"reasoner","input":"x"}'),
        'application/json',
      ),
      routed(provider, 'reasoner'),
    );
    expect(JSON.parse(last().body.toString())).toEqual({ model: 'o3-pro-prod', input: 'x' });
    await provider.passthrough!(
      passthrough('responses', 'GET', '/v1/responses/resp_1/input_items', {
        responseId: 'resp_1',
        rest: '/input_items',
      }),
      createTestCallContext(),
    );
    expect(`${last().method} ${last().url}`).toBe(
      'GET /apim/openai/v1/responses/resp_1/input_items',
    );
    await provider.passthrough!(
      passthrough('responses', 'POST', '/v1/responses/resp_1/cancel', {
        responseId: 'resp_1',
        rest: '/cancel',
      }),
      createTestCallContext(),
    );
    expect(`${last().method} ${last().url}`).toBe('POST /apim/openai/v1/responses/resp_1/cancel');
    await azure({ AZURE_OPENAI_RESPONSES_APIVERSION: 'preview' }).passthrough!(
      passthrough('responses', 'DELETE', '/v1/responses/resp_1', {
        responseId: 'resp_1',
        rest: '',
      }),
      createTestCallContext(),
    );
    expect(`${last().method} ${last().url}`).toBe(
      'DELETE /apim/openai/v1/responses/resp_1?api-version=preview',
    );
  });

  it.each([
    ['responses.text.chunks.txt', 'responses.text.response.json'],
    ['responses.tool-call.chunks.txt', 'responses.tool-call.response.json'],
  ])(
    'passes a recorded Responses stream (%s) and its JSON answer through byte for byte',
    async (chunks, json) => {
      const provider = azure();
      const events = fixture(chunks)
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim().length > 0);
      answer({ headers: { 'content-type': 'text/event-stream' }, sse: events });
      const body = Buffer.from('{"model":"gpt-5-codex","input":"x","stream":true}');
      const streamed = (await provider.passthrough!(
        passthrough('responses', 'POST', '/v1/responses', { rest: '' }, body, 'application/json'),
        routed(provider, 'gpt-5-codex'),
      )) as RawResultV1;
      expect(streamed.headers['content-type']).toBe('text/event-stream');
      expect((await bytes(streamed)).toString('utf8')).toBe(
        events.map((event) => `data: ${event}\n\n`).join(''),
      );
      answer(recorded(json));
      const buffered = (await provider.passthrough!(
        passthrough('responses', 'POST', '/v1/responses', { rest: '' }, body, 'application/json'),
        routed(provider, 'gpt-5-codex'),
      )) as RawResultV1;
      expect((await bytes(buffered)).equals(fixture(json))).toBe(true);
    },
  );

  it('scenarios 9–11 (corrected): reasoning-model chat goes to chat completions with every field kept', async () => {
    const body = {
      model: 'o3',
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'U' },
      ],
      max_completion_tokens: 100,
      reasoning_effort: 'high',
      tools: [{ type: 'function', function: { name: 'f' } }],
      stream: true,
      stream_options: { include_usage: true },
    };
    await chat(azure(), body);
    expect(last().url).toBe(
      '/apim/openai/deployments/o3/chat/completions?api-version=2025-04-01-preview',
    );
    expect(JSON.parse(last().body.toString())).toEqual(body);
  });

  it('scenarios 12–13 (corrected): Claude chat is passed on; an Azure refusal carries a hint', async () => {
    answer({
      status: 404,
      body: {
        error: {
          code: 'DeploymentNotFound',
          message: 'The API deployment for this resource does not exist.',
        },
      },
    });
    const error = await rejection(
      chat(azure(), { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'U' }] }),
    );
    expect(last().url).toBe(
      '/apim/openai/deployments/claude-sonnet-4.5/chat/completions?api-version=2025-04-01-preview',
    );
    expect(error.status).toBe(404);
    expect(error.code).toBe('DeploymentNotFound');
    expect(error.message).toMatch(
      /^The API deployment for this resource does not exist\. \(Claude on Azure AI Foundry uses the Anthropic Messages API/,
    );
  });

  it('a content-filter refusal reaches the client as a 400 with its detail', async () => {
    answer(recorded('error.400-content-filter.json', 400));
    const error = await rejection(
      chat(azure(), { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(error).toMatchObject({
      status: 400,
      code: 'content_filter',
      param: 'prompt',
      type: 'invalid_request_error',
    });
    expect(error.message).toMatch(
      /content management policy.*\[content filter: sexual \(high\) filtered\]$/,
    );
    // Azure's own error object (innererror.content_filter_result) travels with the error, as Azure sent it.
    expect((error as UpstreamApiError).upstreamError).toEqual(
      JSON.parse(fixture('error.400-content-filter.json').toString('utf8')).error,
    );
  });

  it("scenario 19: a 429 keeps its status, retry headers and Azure's message", async () => {
    answer({
      status: 429,
      body: {
        error: {
          code: '429',
          message:
            'Requests to the ChatCompletions_Create Operation have exceeded token rate limit. Please retry after 3 seconds.',
        },
      },
      headers: {
        'retry-after': '3',
        'retry-after-ms': '3000',
        'x-ratelimit-remaining-tokens': '0',
        'apim-request-id': 'apim-9',
      },
    });
    const error = await rejection(
      chat(
        azure(),
        { model: 'gpt-4o', messages: [] },
        { credentials: { apiKey: 'client-secret-key' } },
      ),
    );
    expect(error).toMatchObject({ status: 429, type: 'rate_limit_error', code: '429' });
    expect(error.message).toContain('Please retry after 3 seconds.');
    expect(error.headers).toEqual({
      'retry-after': '3',
      'retry-after-ms': '3000',
      'x-ratelimit-remaining-tokens': '0',
      'apim-request-id': 'apim-9',
    });
  });

  it('scenario 20 (corrected): unreachable upstream → 502 naming the host; slow upstream → 504; no secret in either', async () => {
    const options = parseAzureProviderOptions(
      {},
      { AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:1', AZURE_OPENAI_API_KEY: 'server-secret-key' },
    );
    const unreachable = createAzureProvider(
      options,
      createTestPluginContext({ instanceName: 'azure' }),
    );
    const error = await rejection(chat(unreachable, { model: 'gpt-4o', messages: [] }));
    expect(error).toMatchObject({ status: 502, code: 'upstream_unreachable' });
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).not.toContain('server-secret-key');
    answer({ delayMs: 400, body: {} });
    const timeout = await rejection(
      chat(azure({ AZURE_OPENAI_API_KEY: 'server-secret-key' }, 100), {
        model: 'gpt-4o',
        messages: [],
      }),
    );
    expect(timeout).toMatchObject({ status: 504, code: 'upstream_timeout' });
    expect(timeout.message).not.toContain('server-secret-key');
  });
});

describe('azure provider, streaming', () => {
  it('passes the recorded stream chunk by chunk: first chunk before the upstream sends the last, filter-only chunk merged, usage kept', async () => {
    const lines = fixture('chat-completions.stream.content-filter.model-router.chunks.txt')
      .toString()
      .trim()
      .split('\n');
    const gate = new EventEmitter();
    // The upstream's own cache-control must not reach the client: an SSE answer is never cached.
    const headers = {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'max-age=60',
    };
    answer({
      headers,
      sse: [...lines, '[DONE]'],
      pause: { afterEvents: 2, until: once(gate, 'release') },
    });
    const result = await chat(azure(), {
      model: 'gpt-5-nano',
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(result.headers).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
    const iterator = (result.body as NodeJS.ReadableStream)[Symbol.asyncIterator]();
    // The filter-only chunk became a comment, written as it came; the merged chunk follows.
    let head = '';
    while (head.split('\n\n').length < 3) head += (await iterator.next()).value.toString();
    const [comment, merged, after] = head.split('\n\n');
    expect(comment).toBe(FILTER_RESULTS_COMMENT);
    expect(after).toBe('');
    const first = JSON.parse((merged as string).slice(6));
    // The upstream is still holding back everything after line 2.
    expect(first.choices[0].delta.role).toBe('assistant');
    expect(first.prompt_filter_results).toEqual(JSON.parse(lines[0]!).prompt_filter_results);
    gate.emit('release');
    let rest = '';
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      rest += next.value.toString();
    expect(rest).toBe(
      `${lines
        .slice(2)
        .map((line) => `data: ${line}\n\n`)
        .join('')}data: [DONE]\n\n`,
    );
  });

  it('writes the comment for the filter-only chunk while the upstream still holds back its next event', async () => {
    const lines = fixture('chat-completions.stream.content-filter.model-router.chunks.txt')
      .toString()
      .trim()
      .split('\n');
    const gate = new EventEmitter();
    answer({
      headers: { 'content-type': 'text/event-stream' },
      sse: [...lines, '[DONE]'],
      pause: { afterEvents: 1, until: once(gate, 'release') },
    });
    const result = await chat(azure(), { model: 'gpt-5-nano', messages: [], stream: true });
    const iterator = (result.body as NodeJS.ReadableStream)[Symbol.asyncIterator]();
    // Only the filter-only chunk has been sent: the client already has its first bytes.
    expect((await iterator.next()).value.toString()).toBe(`${FILTER_RESULTS_COMMENT}\n\n`);
    gate.emit('release');
    let rest = '';
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      rest += next.value.toString();
    expect(JSON.parse(rest.slice(6, rest.indexOf('\n\n'))).prompt_filter_results).toEqual(
      JSON.parse(lines[0] as string).prompt_filter_results,
    );
  });

  it('replays the raw recorded gpt-4.1 SSE capture and replaces only its filter-only chunk (with a comment)', async () => {
    const capture = fixture('chat-completions.stream.content-filter.gpt-4.1.sse.txt').toString();
    answer({ rawSse: capture });
    const result = await chat(azure(), { model: 'gpt-4.1', messages: [], stream: true });
    const text = (await bytes(result)).toString();
    const events = capture.trim().split('\n\n');
    expect(text.endsWith(`${events.slice(2).join('\n\n')}\n\n`)).toBe(true);
    expect(text).not.toContain('"choices":[],');
    expect(text.startsWith(`${FILTER_RESULTS_COMMENT}\n\n`)).toBe(true);
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(events.length);
  });
});

describe('azure provider, chat completions for Responses-only deployments', () => {
  const request = {
    model: 'gpt-5-codex',
    messages: [
      { role: 'user', content: 'Weather in San Francisco?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_0',
            type: 'function',
            function: { name: 'weather', arguments: '{"location":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_0', content: 'rain' },
    ],
    tools: [
      {
        type: 'function',
        function: {
          name: 'weather',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
        },
      },
    ],
    max_completion_tokens: 300,
  };
  const converted = {
    input: [
      { type: 'message', role: 'user', content: 'Weather in San Francisco?' },
      {
        type: 'function_call',
        call_id: 'call_0',
        name: 'weather',
        arguments: '{"location":"Paris"}',
      },
      { type: 'function_call_output', call_id: 'call_0', output: 'rain' },
    ],
    tools: [
      {
        type: 'function',
        name: 'weather',
        parameters: { type: 'object', properties: { location: { type: 'string' } } },
      },
    ],
    max_output_tokens: 300,
    store: false,
  };
  const sse = (name: string) =>
    fixture(name)
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim().length > 0);
  const chatResult = async (
    provider: ProviderV1,
    body: Record<string, unknown>,
    model = body.model as string,
  ) =>
    provider.createChatCompletion!(
      body as never,
      routed(provider, model, {
        rawBody: Buffer.from(JSON.stringify(body)),
        credentials: { bearer: 'K' },
      }),
    );

  it('sends the converted body to /openai/v1/responses with the deployment as model and answers a chat completion', async () => {
    answer(recorded('responses.tool-call.response.json'));
    const result = await chatResult(
      azure({ AZURE_OPENAI_MODEL_MAPPER: 'coder=gpt-5-codex-prod' }),
      { ...request, model: 'coder' },
    );
    expect(`${last().method} ${last().url}`).toBe('POST /apim/openai/v1/responses');
    expect(last().headers['api-key']).toBe('K');
    expect(JSON.parse(last().body.toString())).toEqual({ model: 'gpt-5-codex-prod', ...converted });
    expect(result.kind).toBe('json');
    const completion = (result as { body: Record<string, unknown> }).body;
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'coder',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_YunNGbIwdVJ2i0y0Mybva4Pw',
                type: 'function',
                function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
              },
            ],
          },
        },
      ],
      usage: { prompt_tokens: 45, completion_tokens: 24, total_tokens: 69 },
    });
  });

  it('streams: the recorded Responses events become chat chunks, the usage chunk when asked; the responses api-version applies', async () => {
    answer({
      headers: { 'content-type': 'text/event-stream' },
      sse: sse('responses.tool-call.chunks.txt'),
    });
    const provider = azure({ AZURE_OPENAI_RESPONSES_APIVERSION: 'preview' });
    const body = { ...request, stream: true, stream_options: { include_usage: true } };
    // The client's dated chat api-version is not sent to the v1 route; its other query parameters are.
    const result = await provider.createChatCompletion!(
      body as never,
      routed(provider, 'gpt-5-codex', {
        rawBody: Buffer.from(JSON.stringify(body)),
        search: 'api-version=2024-10-21&trace=1',
      }),
    );
    expect(last().url).toBe('/apim/openai/v1/responses?trace=1&api-version=preview');
    expect(JSON.parse(last().body.toString())).toEqual({
      model: 'gpt-5-codex',
      ...converted,
      stream: true,
    });
    expect(result.kind).toBe('chunks');
    const chunks: Array<{
      object: string;
      choices: Array<{
        delta: { tool_calls?: Array<{ function?: { arguments?: string } }> };
        finish_reason: string | null;
      }>;
      usage?: unknown;
    }> = [];
    for await (const chunk of (result as { chunks: AsyncIterable<(typeof chunks)[number]> }).chunks)
      chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    const args = chunks
      .flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []))
      .map((call) => call.function?.arguments ?? '');
    expect(args.join('')).toBe('{"location":"San Francisco"}');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 45, completion_tokens: 24, total_tokens: 69 },
    });
  });

  it('keeps the byte passthrough for other models, converts only the configured list, and maps upstream errors', async () => {
    answer(recorded('chat-completions.response.content-filter.gpt-4.1.json'));
    const plain = { model: 'gpt-5.1', messages: [{ role: 'user', content: 'x' }] };
    await chat(azure(), plain);
    expect(last().url).toBe(
      '/apim/openai/deployments/gpt-5.1/chat/completions?api-version=2025-04-01-preview',
    );
    await chat(azure({ AZURE_OPENAI_RESPONSES_ONLY_MODELS: 'o3-pro' }), {
      ...plain,
      model: 'gpt-5-codex',
    });
    expect(last().url).toBe(
      '/apim/openai/deployments/gpt-5-codex/chat/completions?api-version=2025-04-01-preview',
    );
    answer({
      status: 400,
      body: {
        error: { code: 'invalid_value', message: 'Unsupported parameter', param: 'temperature' },
      },
    });
    const error = await rejection(
      chatResult(azure({ AZURE_OPENAI_RESPONSES_ONLY_MODELS: 'my-codex' }), {
        ...plain,
        model: 'my-codex',
      }),
    );
    expect(last().url).toBe('/apim/openai/v1/responses');
    expect(error).toMatchObject({ status: 400, code: 'invalid_value', param: 'temperature' });
  });
});

describe('azure provider, v1 surface', () => {
  it('sends chat to /openai/v1/chat/completions with the deployment in the body, no api-version', async () => {
    const provider = azure({
      AZURE_OPENAI_API_SURFACE: 'v1',
      AZURE_OPENAI_MODEL_MAPPER: 'gpt-4o=prod-4o',
    });
    await chat(
      provider,
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
      { credentials: { apiKey: 'K' } },
    );
    expect(last().url).toBe('/apim/openai/v1/chat/completions');
    expect(last().headers['api-key']).toBe('K');
    expect(JSON.parse(last().body.toString())).toEqual({
      model: 'prod-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const unchanged = '{"model":"gpt-4.1", "messages":[]}';
    await provider.createChatCompletion!(
      JSON.parse(unchanged),
      routed(provider, 'gpt-4.1', { rawBody: Buffer.from(unchanged) }),
    );
    expect(last().body.toString()).toBe(unchanged);
  });

  it('rewrites the multipart model field for audio and keeps file routes on /openai/v1', async () => {
    const provider = azure({ AZURE_OPENAI_API_SURFACE: 'v1' });
    const form = (model: string) =>
      Buffer.from(
        `--b\r\nContent-Disposition: form-data; name="model"\r\n\r\n${model}\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\nRIFF\r\n--b--\r\n`,
      );
    await provider.passthrough!(
      passthrough(
        'audio.transcriptions',
        'POST',
        '/v1/audio/transcriptions',
        {},
        form('whisper'),
        'multipart/form-data; boundary=b',
      ),
      routed(provider, 'whisper'),
    );
    expect(last().url).toBe('/apim/openai/v1/audio/transcriptions');
    expect(last().body.equals(form('whisper-001'))).toBe(true);
    await provider.passthrough!(
      passthrough('files', 'GET', '/v1/files', { rest: '' }),
      createTestCallContext(),
    );
    expect(last().url).toBe('/apim/openai/v1/files');
  });
});

describe('azure provider, serverless deployments', () => {
  const serverlessEnv = () => ({
    AZURE_AI_STUDIO_DEPLOYMENTS: 'mistral-large=Mistral-large2:swedencentral',
    'AZURE_OPENAI_KEY_MISTRAL-LARGE': 'S-serverless-key',
    AZURE_AI_STUDIO_ENDPOINT_TEMPLATE: `${upstream.url}/serverless/{name}/{region}`,
  });

  it('scenario 14: same path and query, Bearer with the deployment key, no api-key, no api-version, body unchanged', async () => {
    const provider = azure(serverlessEnv());
    expect(provider.mapModel?.('Mistral-Large')).toBe('Mistral-Large');
    const body = '{"model":"Mistral-Large","messages":[{"role":"user","content":"hi"}]}';
    answer(recorded('chat-completions.response.foundry-deepseek-v4-pro.json'));
    const result = (await provider.createChatCompletion!(
      JSON.parse(body),
      routed(provider, 'Mistral-Large', {
        rawBody: Buffer.from(body),
        search: 'x=1',
        credentials: { bearer: 'K' },
      }),
    )) as RawResultV1;
    expect(
      (await bytes(result)).equals(
        fixture('chat-completions.response.foundry-deepseek-v4-pro.json'),
      ),
    ).toBe(true);
    expect(last().url).toBe('/serverless/Mistral-large2/swedencentral/v1/chat/completions?x=1');
    expect(last().headers.authorization).toBe('Bearer S-serverless-key');
    expect(last().headers['api-key']).toBeUndefined();
    expect(last().body.toString()).toBe(body);
  });

  it('sends the client key as Bearer for a deployment without a configured key (api-key header or Authorization)', async () => {
    const env = { ...serverlessEnv(), 'AZURE_OPENAI_KEY_MISTRAL-LARGE': '' };
    const provider = azure(env);
    await chat(
      provider,
      { model: 'mistral-large', messages: [] },
      { credentials: { apiKey: 'client-endpoint-key' } },
    );
    expect(last().url).toBe('/serverless/Mistral-large2/swedencentral/v1/chat/completions');
    expect(last().headers.authorization).toBe('Bearer client-endpoint-key');
    expect(last().headers['api-key']).toBeUndefined();
    await chat(
      provider,
      { model: 'mistral-large', messages: [] },
      { credentials: { bearer: 'client-bearer-key' } },
    );
    expect(last().headers.authorization).toBe('Bearer client-bearer-key');
  });

  it('works without AZURE_OPENAI_ENDPOINT, and refuses a keyless call instead of sending an empty bearer', async () => {
    const env = { ...serverlessEnv(), 'AZURE_OPENAI_KEY_MISTRAL-LARGE': '' };
    const options = parseAzureProviderOptions({}, env);
    const provider = createAzureProvider(
      options,
      createTestPluginContext({ instanceName: 'azure' }),
    );
    const error = await rejection(chat(provider, { model: 'mistral-large', messages: [] }));
    expect(error.status).toBe(401);
    expect(upstream.requests).toHaveLength(0);
    const noEndpoint = await rejection(chat(provider, { model: 'gpt-4o', messages: [] }));
    expect(noEndpoint).toMatchObject({ status: 502 });
    expect(noEndpoint.message).toContain('AZURE_OPENAI_ENDPOINT is not set');
  });
});

describe('azure provider, model and deployment listings', () => {
  it('scenario 15 (corrected): merged list with created/owned_by, cached, trailing slash tolerated', async () => {
    answer({
      body: {
        data: [
          {
            id: 'gpt-4o',
            object: 'model',
            created_at: 1,
            model: 'x',
            capabilities: { chat_completion: true },
            lifecycle_status: 'generally-available',
            status: 'succeeded',
            deprecation: { inference: 2 },
          },
        ],
      },
    });
    const provider = azure({
      AZURE_OPENAI_MODEL_MAPPER: 'fast=prod-4o-mini',
      AZURE_AI_STUDIO_DEPLOYMENTS: 'mistral-large=M:r',
      'AZURE_OPENAI_KEY_MISTRAL-LARGE': 's',
    });
    const models = await provider.listModels!(
      createTestCallContext({ credentials: { bearer: 'K' } }),
    );
    expect(`${last().method} ${last().url}`).toBe('GET /apim/openai/models?api-version=2024-10-21');
    expect(last().headers['api-key']).toBe('K');
    expect(models.map((model) => model.id)).toEqual(['gpt-4o', 'fast', 'mistral-large']);
    expect(models[0]).toMatchObject({
      id: 'gpt-4o',
      object: 'model',
      created: 1,
      owned_by: 'azure',
      created_at: 1,
      lifecycle_status: 'generally-available',
      deprecation: { inference: 2 },
    });
    expect(models[2]).toMatchObject({
      object: 'model',
      created: 0,
      status: 'ready',
      capabilities: { chat_completion: true, embeddings: false },
    });
    await provider.listModels!(createTestCallContext({ credentials: { bearer: 'K' } }));
    expect(upstream.requests).toHaveLength(1);
    expect(provider.knownModels?.()?.has('gpt-4o')).toBe(true);
  });

  it('an upstream failure is an OpenAI-shaped error with the upstream status (not a generic 500)', async () => {
    answer({ status: 401, body: { error: { code: '401', message: 'Access denied.' } } });
    const error = await rejection(azure().listModels!(createTestCallContext()));
    expect(error).toMatchObject({ status: 401, message: 'Access denied.' });
  });

  it('lists /openai/v1/models on the v1 surface', async () => {
    answer({
      body: {
        object: 'list',
        data: [{ id: 'gpt-4.1', object: 'model', created: 5, owned_by: 'system' }],
      },
    });
    const models = await azure({ AZURE_OPENAI_API_SURFACE: 'v1' }).listModels!(
      createTestCallContext(),
    );
    expect(last().url).toBe('/apim/openai/v1/models');
    expect(models).toEqual([{ id: 'gpt-4.1', object: 'model', created: 5, owned_by: 'system' }]);
  });

  it('answers /deployments with known deployments merged with the upstream listing when the resource has one', async () => {
    const provider = azure({ AZURE_OPENAI_MODEL_MAPPER: 'gpt-4o=prod-4o' });
    answer({ status: 404, body: { error: { code: '404', message: 'Resource not found' } } });
    const known = await provider.passthrough!(
      passthrough('deployments', 'GET', '/deployments'),
      createTestCallContext(),
    );
    expect(last().url).toBe('/apim/openai/deployments?api-version=2022-12-01');
    expect(known).toEqual({
      kind: 'json',
      body: {
        object: 'list',
        data: [
          {
            id: 'prod-4o',
            object: 'deployment',
            model: 'gpt-4o',
            status: 'succeeded',
            source: 'model-mapper',
          },
        ],
      },
    });
    answer({
      body: {
        data: [
          { id: 'prod-4o', model: 'gpt-4o', status: 'succeeded', object: 'deployment' },
          { id: 'emb', model: 'text-embedding-3-small', status: 'succeeded', object: 'deployment' },
        ],
      },
    });
    const merged = (await provider.passthrough!(
      passthrough('deployments', 'GET', '/deployments'),
      createTestCallContext(),
    )) as { body: { data: { id: string; source: string }[] } };
    expect(merged.body.data.map((entry) => `${entry.id}:${entry.source}`)).toEqual([
      'prod-4o:upstream',
      'emb:upstream',
    ]);
    const one = await provider.passthrough!(
      passthrough('deployments', 'GET', '/deployments/PROD-4O', { deploymentId: 'PROD-4O' }),
      createTestCallContext(),
    );
    expect(one).toMatchObject({ kind: 'json', body: { id: 'prod-4o' } });
    await provider.passthrough!(
      passthrough('deployments', 'GET', '/deployments/emb', { deploymentId: 'emb' }),
      createTestCallContext(),
    );
    expect(last().url).toBe('/apim/openai/deployments/emb?api-version=2022-12-01');
  });
});
