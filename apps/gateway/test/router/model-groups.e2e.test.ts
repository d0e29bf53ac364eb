// Model groups through the real gateway process and the official openai client (no SDK retries):
// mock Azure deployments answer 429 with retry-after, 503, a stream cut after its first chunk; the
// gateway moves on, cools, falls back to another group, and never retries after the first byte.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedChatSse } from '../mocks/openai-format-bodies.js';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const chatPath = (model: string) => new RegExp(`^/openai/deployments/${model}/chat/completions`);
const rateLimited = (retryAfter: string) => ({
  status: 429,
  headers: { 'retry-after': retryAfter },
  // Synthetic: Azure's rate-limit error shape (no recorded Azure 429 body exists).
  body: {
    error: {
      code: '429',
      message: 'Requests to the ChatCompletions_Create Operation have exceeded call rate limit.',
    },
  },
});
const unavailable = {
  status: 503,
  body: {
    error: {
      code: 'ServiceUnavailable',
      message: 'The service is temporarily unable to process your request.',
    },
  },
};

// The recorded Azure stream up to and including its first text delta ("Hello"), then a reset.
const FIRST_EVENTS = `${recordedChatSse.split('\n\n').slice(0, 3).join('\n\n')}\n\n`;

let eu: MockUpstream;
let us: MockUpstream;
let backup: MockUpstream;
let cut: http.Server;
let cutRequests = 0;
let gateway: RunningGateway;

const group = (name: string, more: Record<string, unknown> = {}) => ({
  deployments: [{ target: `azure-eu/${name}` }, { target: `azure-us/${name}` }],
  strategy: 'ordered',
  ...more,
});
const hits = (mock: MockUpstream, model: string) =>
  mock.requests.filter((request) => chatPath(model).test(request.path)).length;

beforeAll(async () => {
  [eu, us, backup] = await Promise.all([startAzureMock(), startAzureMock(), startAzureMock()]);
  cut = http.createServer((request, response) => {
    cutRequests += 1;
    request.resume();
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(FIRST_EVENTS, () => setTimeout(() => response.socket?.destroy(), 50));
  });
  await new Promise<void>((resolve) => cut.listen(0, '127.0.0.1', resolve));
  const azure = (name: string, url: string) => ({
    name,
    package: '@multi-ai-proxy/provider-azure',
    options: { endpoint: url },
  });
  gateway = await startGateway({
    env: { AZURE_OPENAI_API_KEY: 'server-side-key' },
    config: {
      providers: [
        azure('azure-eu', eu.url),
        azure('azure-us', us.url),
        azure('azure-backup', backup.url),
        azure('azure-cut', `http://127.0.0.1:${(cut.address() as AddressInfo).port}`),
      ],
      models: {
        throttled: group('throttled'),
        failing: group('failing'),
        'responses-group': group('responses-group'),
        'all-throttled': group('all-throttled'),
        'cut-stream': {
          deployments: [{ target: 'azure-cut/cut-stream' }, { target: 'azure-us/cut-stream' }],
          strategy: 'ordered',
        },
        'with-fallback': group('with-fallback', { fallbacks: ['backup-group'] }),
        'backup-group': {
          deployments: [{ target: 'azure-backup/backup-a' }, { target: 'azure-backup/backup-b' }],
          strategy: 'ordered',
        },
      },
      router: { retries: 3, maxRetryAfterMs: 20_000 },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([
    eu?.close(),
    us?.close(),
    backup?.close(),
    new Promise((resolve) => cut?.close(resolve)),
  ]);
});

const client = () => new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
const ask = (model: string) =>
  client()
    .chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();

describe('model groups', () => {
  it('a 429 with retry-after moves to the next deployment, and the throttled one is not re-hit inside its Retry-After', async () => {
    eu.prepend({ path: chatPath('throttled'), times: 1, reply: rateLimited('5') });
    const first = await ask('throttled');
    expect(first.data.choices[0]?.message.content).toContain('Hello');
    expect(first.response.headers.get('x-multi-ai-proxy-target')).toBe('azure-us/throttled');
    expect(first.response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    const second = await ask('throttled');
    expect(second.response.headers.get('x-multi-ai-proxy-target')).toBe('azure-us/throttled');
    expect(second.response.headers.get('x-multi-ai-proxy-attempts')).toBe('1');
    expect(hits(eu, 'throttled')).toBe(1);
    expect(hits(us, 'throttled')).toBe(2);
  });

  it('a 503 fails over to the next deployment, and the access log names the attempts', async () => {
    eu.prepend({ path: chatPath('failing'), times: 1, reply: unavailable });
    const answer = await ask('failing');
    expect(answer.response.headers.get('x-multi-ai-proxy-target')).toBe('azure-us/failing');
    expect(answer.response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    const requestId = answer.response.headers.get('x-request-id');
    await expect
      .poll(() =>
        gateway.logs.find((line) => line.msg === 'request' && line.requestId === requestId),
      )
      .toBeDefined();
    const line = gateway.logs.find(
      (entry) => entry.msg === 'request' && entry.requestId === requestId,
    );
    expect(line).toMatchObject({
      status: 200,
      attempts: 2,
      target: 'azure-us/failing',
      tries: [
        { target: 'azure-eu/failing', status: 503, reason: 'server_error' },
        { target: 'azure-us/failing', status: 200 },
      ],
    });
  });

  it('all deployments throttled: 429 with a retry-after of the earliest reopening, and no upstream call while it lasts', async () => {
    eu.prepend({ path: chatPath('all-throttled'), times: 1, reply: rateLimited('40') });
    us.prepend({ path: chatPath('all-throttled'), times: 1, reply: rateLimited('30') });
    const error = await expectOpenAIApiError(ask('all-throttled'));
    expect(error.status).toBe(429);
    expect(error.code).toBe('all_deployments_rate_limited');
    expect(Number(error.headers?.get('retry-after'))).toBe(30);
    expect(error.headers?.get('x-multi-ai-proxy-attempts')).toBe('2');
    const again = await expectOpenAIApiError(ask('all-throttled'));
    expect(again.status).toBe(429);
    expect(Number(again.headers?.get('retry-after'))).toBeGreaterThanOrEqual(29);
    expect(Number(again.headers?.get('retry-after'))).toBeLessThanOrEqual(30);
    expect(again.headers?.get('x-multi-ai-proxy-attempts')).toBe('0');
    expect(hits(eu, 'all-throttled') + hits(us, 'all-throttled')).toBe(2);
  });

  it('a stream cut after its first chunk ends with an error event, no [DONE], one attempt and no duplicated text', async () => {
    const response = await fetch(`${gateway.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer client-key' },
      body: JSON.stringify({
        model: 'cut-stream',
        stream: true,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-multi-ai-proxy-target')).toBe('azure-cut/cut-stream');
    expect(response.headers.get('x-multi-ai-proxy-attempts')).toBe('1');
    const text = await response.text().catch((error: unknown) => `read failed: ${String(error)}`);
    const events = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: '))
      .map((event) => event.slice('data: '.length));
    expect(events).not.toContain('[DONE]');
    const deltas = events
      .filter((event) => event.startsWith('{'))
      .map(
        (event) =>
          JSON.parse(event) as { choices?: { delta?: { content?: string } }[]; error?: unknown },
      );
    expect(deltas.map((event) => event.choices?.[0]?.delta?.content ?? '').join('')).toBe('Hello');
    expect(deltas.at(-1)?.error).toBeDefined();
    expect(cutRequests).toBe(1);
    expect(hits(us, 'cut-stream')).toBe(0);
  });

  it('falls back to a second group when every deployment of the first fails', async () => {
    eu.prepend({ path: chatPath('with-fallback'), times: 1, reply: unavailable });
    us.prepend({ path: chatPath('with-fallback'), times: 1, reply: unavailable });
    const answer = await ask('with-fallback');
    expect(answer.data.choices[0]?.message.content).toContain('Hello');
    expect(answer.response.headers.get('x-multi-ai-proxy-target')).toBe('azure-backup/backup-a');
    expect(answer.response.headers.get('x-multi-ai-proxy-attempts')).toBe('3');
    expect(backup.requests.at(-1)?.json()).toMatchObject({ model: 'backup-a' });
  });

  it('a Responses API request on a group is translated to chat and routed: a 503 fails over', async () => {
    eu.prepend({ path: chatPath('responses-group'), times: 1, reply: unavailable });
    const answer = await client()
      .responses.create({ model: 'responses-group', input: 'Hi' })
      .withResponse();
    expect(answer.data.output_text).toContain('Hello');
    expect(answer.data.model).toBe('responses-group');
    expect(answer.response.headers.get('x-multi-ai-proxy-target')).toBe('azure-us/responses-group');
    expect(answer.response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    expect(us.requests.at(-1)?.json()).toMatchObject({
      model: 'responses-group',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it('GET /v1/models lists every group', async () => {
    const ids = [];
    for await (const model of client().models.list()) ids.push(model.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'throttled',
        'failing',
        'all-throttled',
        'cut-stream',
        'with-fallback',
        'backup-group',
      ]),
    );
  });
});
