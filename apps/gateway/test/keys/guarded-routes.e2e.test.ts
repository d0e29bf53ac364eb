// Every upstream model call goes through the one dispatch, so a limited key is limited on every
// route, not only on /v1/chat/completions: /v1/responses translated to Gemini (openai client),
// /v1/messages translated to Gemini (@anthropic-ai/sdk), a model group (admitted once, whatever the
// attempts), a passthrough route (images) and the native /gemini route. The settlement uses the real
// usage of the answer (GET /admin/keys/{id}), and a translated stream the client aborts frees its
// parallel lease. Real gateway process, mock upstreams replaying recorded answers.
import Anthropic from '@anthropic-ai/sdk';
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiMock } from '../mocks/start-gemini-mock.js';
import { startOpenAICompatibleMock } from '../mocks/start-openai-compatible-mock.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const KEYS = {
  responses: 'sk-responses-rpm',
  messages: 'sk-messages-budget',
  group: 'sk-group-rpm',
  images: 'sk-images-rpm',
  native: 'sk-native',
  lease: 'sk-lease',
  admin: 'sk-admin-guarded',
};
// The recorded Gemini answer (generateContent.text.gemini-2.5-flash): 7 prompt tokens, 149 candidate
// tokens and 48 thinking tokens, which OpenAI-style usage counts as 197 completion tokens.
const GEMINI_USAGE = { prompt: 7, completion: 197, reasoning: 48 };
const CHAT_PATH = /^\/v1\/chat\/completions(\?|$)/;

let gateway: RunningGateway;
let openaiUpstream: MockUpstream;
let geminiUpstream: MockUpstream;

beforeAll(async () => {
  [openaiUpstream, geminiUpstream] = await Promise.all([
    startOpenAICompatibleMock(),
    startGeminiMock(),
  ]);
  gateway = await startGateway({
    env: {
      OPENAI_API_ENDPOINT: openaiUpstream.url,
      OPENAI_API_KEY: 'openai-server-key',
      AZURE_OPENAI_PROXY_MODE: 'openai',
      GOOGLE_AI_STUDIO_API_KEY: 'gemini-server-key',
      GOOGLE_AI_STUDIO_ENDPOINT: geminiUpstream.url,
    },
    config: {
      keys: [
        { id: 'responses', key: KEYS.responses, rpm: 2 },
        { id: 'messages', key: KEYS.messages, budget: { usd: 0.0001, period: 'day' } },
        { id: 'group', key: KEYS.group, rpm: 1 },
        { id: 'images', key: KEYS.images, rpm: 1 },
        { id: 'native', key: KEYS.native, models: ['gemini-2.5-*'], tpm: 100_000 },
        { id: 'lease', key: KEYS.lease, maxParallel: 1 },
      ],
      prices: { 'gemini-2.5-flash': { input: 1, output: 1 }, 'gpt-4.1*': { input: 1, output: 1 } },
      admin: { key: KEYS.admin },
      models: {
        'team-group': {
          deployments: [{ target: 'openai/gpt-4.1' }, { target: 'openai/gpt-4.1-mini' }],
          strategy: 'ordered',
        },
      },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([openaiUpstream?.close(), geminiUpstream?.close()]);
});

// biome-ignore lint/suspicious/noExplicitAny: JSON read by property in assertions
type AdminAnswer = Record<string, any>;
const admin = async (id: string): Promise<AdminAnswer> => {
  const response = await fetch(`${gateway.url}/admin/keys/${id}`, {
    headers: { authorization: `Bearer ${KEYS.admin}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AdminAnswer;
};
const openai = (apiKey: string) => new OpenAI({ baseURL: gateway.baseURL, apiKey, maxRetries: 0 });

async function waitFor(condition: () => Promise<boolean>, attempts = 150): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within the bounded wait');
}

describe('a limited key is limited on every route', () => {
  it('/v1/responses translated to Gemini: RPM admitted with x-ratelimit-*, then a 429 with retry-after; usage settled from the answers', async () => {
    const client = openai(KEYS.responses);
    const first = await client.responses
      .create({ model: 'google/gemini-2.5-flash', input: 'Why is the sky blue?' })
      .withResponse();
    expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(first.data.usage).toMatchObject({
      input_tokens: GEMINI_USAGE.prompt,
      output_tokens: GEMINI_USAGE.completion,
    });
    // A stream on the same key counts against the same minute, and settles from its usage chunk.
    const stream = client.responses.stream({
      model: 'google/gemini-2.5-flash',
      input: 'Capital of Wyoming?',
    });
    const streamed = (await stream.finalResponse()).usage;
    const before = geminiUpstream.requests.length;
    const refused = await expectOpenAIApiError(
      client.responses.create({ model: 'google/gemini-2.5-flash', input: 'Once more?' }),
    );
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('rate_limit_exceeded');
    expect(Number(refused.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(geminiUpstream.requests.length).toBe(before);
    await waitFor(async () => (await admin('responses')).inFlight === 0);
    expect((await admin('responses')).usage).toMatchObject({
      requests: 2,
      promptTokens: GEMINI_USAGE.prompt + (streamed?.input_tokens ?? Number.NaN),
      completionTokens: GEMINI_USAGE.completion + (streamed?.output_tokens ?? Number.NaN),
    });
  });

  it('/v1/messages translated to Gemini: the real cost spends the budget, the next request is a 429 the SDK sees', async () => {
    const client = new Anthropic({ baseURL: gateway.url, apiKey: KEYS.messages, maxRetries: 0 });
    // Estimated at ≈ 40 µ$ (bytes ÷ 4 + max_tokens), admitted under the $0.0001 budget; it really costs
    // 204 µ$ ($1 per 1M tokens, 7 + 197 tokens), which spends the budget.
    const { data, response } = await client.messages
      .create({
        model: 'google/gemini-2.5-flash',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .withResponse();
    expect(data.type).toBe('message');
    expect(response.status).toBe(200);
    const before = geminiUpstream.requests.length;
    const refused = await client.messages
      .create({
        model: 'google/gemini-2.5-flash',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hi again' }],
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    const error = refused as InstanceType<typeof Anthropic.RateLimitError>;
    expect(error.status).toBe(429);
    expect(error.message).toContain('has used its budget');
    expect(error.message).toContain('messages');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
    expect(geminiUpstream.requests.length).toBe(before);
    const answer = await admin('messages');
    expect(answer.usage).toMatchObject({
      requests: 1,
      promptTokens: GEMINI_USAGE.prompt,
      completionTokens: GEMINI_USAGE.completion,
      reasoningTokens: GEMINI_USAGE.reasoning,
    });
    expect(answer.usage.costUsd).toBeCloseTo(0.000204, 9);
  });

  it('a model group: admitted once whatever the attempts, settled with the usage of the attempt that answered', async () => {
    // The first deployment fails; the router moves to the second, which answers.
    openaiUpstream.prepend({
      path: CHAT_PATH,
      times: 1,
      reply: { status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } },
    });
    const client = openai(KEYS.group);
    const before = openaiUpstream.requests.length;
    const { data, response } = await client.chat.completions
      .create({ model: 'team-group', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(openaiUpstream.requests.length - before).toBe(2);
    const refused = await expectOpenAIApiError(
      client.chat.completions.create({
        model: 'team-group',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(openaiUpstream.requests.length - before).toBe(2);
    await waitFor(async () => (await admin('group')).inFlight === 0);
    expect((await admin('group')).usage).toMatchObject({
      requests: 1,
      promptTokens: data.usage?.prompt_tokens,
      completionTokens: data.usage?.completion_tokens,
    });
  });

  it('a passthrough route (images): the RPM applies, the request is counted, nothing is forwarded once refused', async () => {
    const generate = () =>
      fetch(`${gateway.baseURL}/images/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEYS.images}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-image-1', prompt: 'a red square' }),
      });
    const first = await generate();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('1');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const before = openaiUpstream.requests.length;
    const refused = await generate();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'rate_limit_exceeded',
    );
    expect(openaiUpstream.requests.length).toBe(before);
    // The images answer reports no usage: the request counts, with no tokens and no cost.
    expect((await admin('images')).usage).toMatchObject({
      requests: 1,
      promptTokens: 0,
      completionTokens: 0,
      costUsd: 0,
    });
  });

  it('native /gemini: the allowlist sees the model in the URL, and the usage comes from usageMetadata', async () => {
    const call = (model: string) =>
      fetch(`${gateway.url}/gemini/v1beta/models/${model}:generateContent`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEYS.native}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
          generationConfig: { maxOutputTokens: 300 },
        }),
      });
    const before = geminiUpstream.requests.length;
    const outside = await call('gemini-1.5-pro');
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { error: { message: string } }).error.message).toContain(
      '"gemini-1.5-pro"',
    );
    expect(geminiUpstream.requests.length).toBe(before);
    const answer = await call('gemini-2.5-flash');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-ratelimit-limit-tokens')).toBe('100000');
    expect(((await answer.json()) as { usageMetadata: unknown }).usageMetadata).toBeDefined();
    const usage = (await admin('native')).usage;
    expect(usage).toMatchObject({
      requests: 1,
      promptTokens: GEMINI_USAGE.prompt,
      completionTokens: GEMINI_USAGE.completion,
      reasoningTokens: GEMINI_USAGE.reasoning,
    });
    expect(usage.costUsd).toBeCloseTo(0.000204, 9);
  });

  it('/v1/messages/count_tokens: the allowlist applies before any count, upstream or estimate', async () => {
    const before = geminiUpstream.requests.length;
    const refused = await fetch(`${gateway.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'x-api-key': KEYS.native, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gemini-1.5-pro',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { type: string; error: { message: string } };
    expect(body.type).toBe('error');
    expect(body.error.message).toContain('"gemini-1.5-pro"');
    expect(geminiUpstream.requests.length).toBe(before);
  });

  it('a translated stream the client aborts frees its parallel lease', async () => {
    // The Gemini stream sends its first chunk and then stays open: only the client's abort ends it.
    geminiUpstream.prepend({
      path: /:streamGenerateContent/,
      times: 1,
      reply: {
        sse: [{ candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }] }],
        holdOpen: true,
      },
    });
    const client = openai(KEYS.lease);
    const controller = new AbortController();
    const stream = await client.responses.create(
      { model: 'google/gemini-2.5-flash', input: 'Say hello', stream: true },
      { signal: controller.signal },
    );
    // Read up to the first text delta without leaving the loop (leaving it would abort the stream).
    const events = stream[Symbol.asyncIterator]();
    let delta = '';
    for (let read = 0; read < 20 && delta === ''; read++) {
      const next = await events.next();
      if (next.done) break;
      if (next.value.type === 'response.output_text.delta') delta = next.value.delta;
    }
    expect(delta).toBe('Hel');
    const busy = await expectOpenAIApiError(
      client.responses.create({ model: 'google/gemini-2.5-flash', input: 'Meanwhile?' }),
    );
    expect(busy.status).toBe(429);
    expect(busy.message).toContain('requests in flight');
    expect(Number(busy.headers?.get('retry-after'))).toBe(1);
    controller.abort();
    await waitFor(async () => (await admin('lease')).inFlight === 0);
    const after = await client.responses.create({
      model: 'google/gemini-2.5-flash',
      input: 'Now?',
    });
    expect(after.output_text.length).toBeGreaterThan(0);
    expect((await admin('lease')).inFlight).toBe(0);
  });
});
