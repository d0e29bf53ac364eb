// Gateway keys through the official openai client against the real gateway process (memory store):
// 401/403 shapes, /v1/models filtered, a 429 the SDK's own retry gets through after the advertised
// wait, budget exhaustion as insufficient_quota, streams settled from the usage chunk (asked for and
// hidden when the client did not ask), leases freed when clients abort, the admin routes.
import { createHash } from 'node:crypto';
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RECORDED_USAGE_STREAM_TEXT,
  recordedChatUsageChunks,
} from '../mocks/openai-format-bodies.js';
import { startOpenAICompatibleMock } from '../mocks/start-openai-compatible-mock.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const CHAT_PATH = /^\/v1\/chat\/completions(\?|$)/;
const KEYS = {
  models: 'sk-models-only',
  rpm: 'sk-rpm',
  budget: 'sk-budget',
  stream: 'sk-stream',
  parallel: 'sk-parallel',
  admin: 'sk-admin',
  env: 'sk-env-unlimited',
};

let gateway: RunningGateway;
let upstream: MockUpstream;

beforeAll(async () => {
  upstream = await startOpenAICompatibleMock();
  upstream.prepend({
    method: 'GET',
    path: /^\/v1\/models/,
    reply: {
      body: {
        object: 'list',
        data: ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'o3'].map((id) => ({
          id,
          object: 'model',
          created: 1,
          owned_by: 'system',
        })),
      },
    },
  });
  gateway = await startGateway({
    env: {
      OPENAI_API_ENDPOINT: upstream.url,
      OPENAI_API_KEY: 'server-side-key',
      AZURE_OPENAI_PROXY_MODE: 'openai',
      MULTI_AI_PROXY_API_KEYS: KEYS.env,
      TEAM_MODELS_KEY: KEYS.models,
      ADMIN_KEY: KEYS.admin,
    },
    config: {
      keys: [
        { id: 'models-only', key: `\${TEAM_MODELS_KEY}`, models: ['gpt-4.1*'] },
        { id: 'rpm', key: KEYS.rpm, rpm: 60 },
        { id: 'budget', key: KEYS.budget, budget: { usd: 0.0001, period: 'day' } },
        { id: 'stream', sha256: sha256Hex(KEYS.stream), tpm: 100_000 },
        { id: 'parallel', key: KEYS.parallel, maxParallel: 2 },
      ],
      prices: { 'gpt-4.1': { input: 1, output: 1 } },
      admin: { key: `\${ADMIN_KEY}` },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// The admin answer's shape as far as these tests read it.
// biome-ignore lint/suspicious/noExplicitAny: JSON read by property in assertions
type AdminAnswer = Record<string, any>;

const client = (apiKey: string, maxRetries = 0) =>
  new OpenAI({ baseURL: gateway.baseURL, apiKey, maxRetries });
const ask = (openai: OpenAI, extra: Record<string, unknown> = {}) =>
  openai.chat.completions.create({
    model: 'gpt-4.1',
    messages: [{ role: 'user', content: 'Hi' }],
    ...extra,
  });
const admin = async (path: string, key = KEYS.admin) => {
  const response = await fetch(`${gateway.url}/admin/keys${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return { status: response.status, body: (await response.json()) as AdminAnswer };
};

describe('identity and allowlist', () => {
  it('an unknown key is a 401 in OpenAI shape', async () => {
    const error = await expectOpenAIApiError(ask(client('sk-nobody')));
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
  });

  it('a model outside the allowlist is a 403 naming the key id and the model, and is never forwarded', async () => {
    const before = upstream.requests.length;
    const error = await expectOpenAIApiError(
      client(KEYS.models).chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error.status).toBe(403);
    expect(error.code).toBe('model_not_allowed');
    expect(error.message).toContain('"models-only"');
    expect(error.message).toContain('"gpt-4o"');
    expect(upstream.requests.length).toBe(before);
    // Inside the allowlist the same key works, and no key, digest or secret reaches the log.
    expect((await ask(client(KEYS.models))).choices[0]?.message.content).toBeTruthy();
    const logs = JSON.stringify(gateway.logs);
    for (const secret of Object.values(KEYS)) expect(logs).not.toContain(secret);
    expect(logs).not.toContain(sha256Hex(KEYS.stream));
  });

  it('GET /v1/models lists only the models a key may use; an unlimited key sees them all', async () => {
    const limited = await client(KEYS.models).models.list();
    expect(limited.data.map((model) => model.id).sort()).toEqual(['gpt-4.1', 'gpt-4.1-mini']);
    const unlimited = await client(KEYS.env).models.list();
    expect(unlimited.data.map((model) => model.id)).toEqual(
      expect.arrayContaining(['gpt-4.1', 'gpt-4o', 'o3']),
    );
  });
});

describe('rate limits', () => {
  it('a 429 over the RPM carries retry-after and x-ratelimit-*, and the SDK gets through after the advertised wait', async () => {
    const raw = () =>
      fetch(`${gateway.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEYS.rpm}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }] }),
      });
    // The burst is the whole minute's allowance: 60 requests pass at once…
    const first = await raw();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('60');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('59');
    const burst = await Promise.all(Array.from({ length: 59 }, raw));
    expect(burst.map((response) => response.status)).toEqual(Array(59).fill(200));
    // …then one more fits per second (60 rpm): on a slow machine the burst may take longer than that,
    // so ask until the refusal comes (a handful of requests at most).
    let refused = await raw();
    for (let attempt = 0; refused.status === 200 && attempt < 20; attempt++) refused = await raw();
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      type: 'requests',
      code: 'rate_limit_exceeded',
      param: null,
    });
    expect(Number(refused.headers.get('retry-after'))).toBe(1);
    const waitMs = Number(refused.headers.get('retry-after-ms'));
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(1_000);
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?s$/);

    const before = upstream.requests.length;
    const started = Date.now();
    const { data, response } = await ask(client(KEYS.rpm, 2)).withResponse();
    const waited = Date.now() - started;
    expect(data.choices[0]?.message.content).toBeTruthy();
    // The SDK's own retry waited for the advertised time (retry-after-ms), and only the admitted try went upstream.
    expect(waited).toBeGreaterThanOrEqual(Math.min(waitMs, 1_000) - 400);
    expect(upstream.requests.length - before).toBe(1);
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  });

  it('requests in flight are leased and freed when clients abort their streams', async () => {
    upstream.prepend({
      path: CHAT_PATH,
      times: 6,
      reply: { sse: recordedChatUsageChunks.slice(0, 3), holdOpen: true },
    });
    const openai = client(KEYS.parallel);
    for (let round = 0; round < 3; round++) {
      const controllers = [new AbortController(), new AbortController()];
      const streams = await Promise.all(
        controllers.map((controller) =>
          openai.chat.completions.create(
            { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }], stream: true },
            { signal: controller.signal },
          ),
        ),
      );
      // Both slots are taken while the streams are open.
      const third = await expectOpenAIApiError(ask(openai));
      expect(third.status).toBe(429);
      expect(third.message).toContain('requests in flight');
      for (const [index, stream] of streams.entries()) {
        for await (const _chunk of stream) break;
        controllers[index]?.abort();
      }
      await waitFor(async () => (await admin('/parallel')).body.inFlight === 0);
    }
    expect((await ask(openai)).choices[0]?.message.content).toBeTruthy();
    expect((await admin('/parallel')).body.inFlight).toBe(0);
  });
});

describe('budgets and usage', () => {
  it('a spent budget is a 429 insufficient_quota that the SDK does not retry, with retry-after at the next UTC day', async () => {
    const openai = client(KEYS.budget, 2);
    // $1 per 1M tokens; each answer costs 43 µ$ (13 + 30 tokens), each estimate 30-ish: two fit in $0.0001.
    expect((await ask(openai, { max_tokens: 10 })).usage?.total_tokens).toBe(43);
    expect((await ask(openai, { max_tokens: 10 })).usage?.total_tokens).toBe(43);
    const before = upstream.requests.length;
    const error = await expectOpenAIApiError(ask(openai, { max_tokens: 10 }));
    expect(error.status).toBe(429);
    expect(error.type).toBe('insufficient_quota');
    expect(error.code).toBe('insufficient_quota');
    expect(error.message).toContain('"budget"');
    expect(upstream.requests.length).toBe(before);
    const now = new Date();
    const untilMidnight =
      (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) /
      1000;
    expect(Math.abs(Number(error.headers?.get('retry-after')) - untilMidnight)).toBeLessThan(5);
    const { body } = await admin('/budget');
    expect(body).toMatchObject({
      id: 'budget',
      usage: { requests: 2, promptTokens: 26, completionTokens: 60, costUsd: 0.000086 },
      budget: { usd: 0.0001 },
      inFlight: 0,
    });
  });

  it('streams settle from the usage chunk: asked of the upstream, hidden from a client that did not ask', async () => {
    const openai = client(KEYS.stream);
    const before = upstream.requests.length;
    let text = '';
    const chunks = [];
    for await (const chunk of await openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'Capital?' }],
      stream: true,
      max_tokens: 1_000,
    })) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(text).toBe(RECORDED_USAGE_STREAM_TEXT);
    expect(chunks.every((chunk) => chunk.choices.length > 0 || chunk.usage == null)).toBe(true);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    const sent = upstream.requests[before]?.json() as { stream_options?: unknown };
    expect(sent.stream_options).toEqual({ include_usage: true });

    // A client that asks for usage gets the chunk, and both streams are counted with the real tokens.
    let usage: unknown;
    for await (const chunk of await openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'Capital?' }],
      stream: true,
      stream_options: { include_usage: true },
    })) {
      if (chunk.usage) usage = chunk.usage;
    }
    expect(usage).toMatchObject({ prompt_tokens: 15, completion_tokens: 78 });
    await waitFor(
      async () =>
        (await admin('/stream')).body.usage.requests === 2 &&
        (await admin('/stream')).body.inFlight === 0,
    );
    const { body } = await admin('/stream');
    expect(body.usage).toMatchObject({
      requests: 2,
      promptTokens: 30,
      completionTokens: 156,
      reasoningTokens: 128,
      cachedTokens: 0,
    });
    // gpt-4.1 at $1/$1 per 1M tokens: 2 × 93 tokens.
    expect(body.usage.costUsd).toBeCloseTo(0.000186, 9);
  });

  it('the access log carries the key id and the cost, never the key', async () => {
    const line = gateway.logs
      .filter(
        (entry) => entry.msg === 'request' && entry.keyId === 'budget' && entry.status === 200,
      )
      .at(-1);
    expect(line).toMatchObject({ keyId: 'budget', costUsd: 0.000043 });
  });
});

describe('admin routes', () => {
  it('need the admin key; a gateway key does not open them', async () => {
    expect((await admin('', KEYS.env)).status).toBe(401);
    expect((await admin('', 'wrong')).status).toBe(401);
    const { status, body } = await admin('');
    expect(status).toBe(200);
    expect(body.data.map((key: { id: string }) => key.id)).toEqual([
      'models-only',
      'rpm',
      'budget',
      'stream',
      'parallel',
    ]);
    expect((await admin('/nope')).status).toBe(404);
    expect(JSON.stringify(body)).not.toContain(sha256Hex(KEYS.stream));
  });
});

async function waitFor(condition: () => Promise<boolean>, attempts = 100): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within the bounded wait');
}
