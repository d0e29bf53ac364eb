// Failure paths through the official openai client: rate limit with retry-after (the SDK's own retry
// honours it), upstream 500, an upstream that hangs (504 within MULTI_AI_PROXY_UPSTREAM_TIMEOUT_MS), a
// client that aborts mid-stream (the upstream connection is closed), malformed JSON and an unknown model.
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { checkOpenAIErrorBody } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gemini } from '../mocks/gemini-format-bodies.js';
import { recordedChatSseEvents } from '../mocks/openai-format-bodies.js';
import { startGeminiMock } from '../mocks/start-gemini-mock.js';
import { startOpenAICompatibleMock } from '../mocks/start-openai-compatible-mock.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';

const UPSTREAM_TIMEOUT_MS = 800;
const CHAT_PATH = /^\/v1\/chat\/completions(\?|$)/;

let gateway: RunningGateway;
let openaiMock: MockUpstream;
let geminiMock: MockUpstream;

beforeAll(async () => {
  [openaiMock, geminiMock] = await Promise.all([startOpenAICompatibleMock(), startGeminiMock()]);
  gateway = await startGateway({
    env: {
      OPENAI_API_ENDPOINT: openaiMock.url,
      OPENAI_API_KEY: 'openai-e2e-key',
      GOOGLE_AI_STUDIO_API_KEY: 'gemini-e2e-key',
      GOOGLE_AI_STUDIO_ENDPOINT: geminiMock.url,
      MULTI_AI_PROXY_UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([openaiMock?.close(), geminiMock?.close()]);
});

const client = (maxRetries = 0) =>
  new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries });
const ask = (openai: OpenAI, model = 'openai/gpt-4.1') =>
  openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] });

describe('upstream errors', () => {
  it('429 with retry-after: the SDK waits and retries, then succeeds', async () => {
    // Synthetic 429 (no recorded OpenAI rate-limit body exists), one time only.
    openaiMock.prepend({
      path: CHAT_PATH,
      times: 1,
      reply: {
        status: 429,
        headers: { 'retry-after': '1' },
        body: {
          error: {
            message: 'Rate limit reached',
            type: 'requests',
            param: null,
            code: 'rate_limit_exceeded',
          },
        },
      },
    });
    const before = openaiMock.requests.length;
    const started = Date.now();
    const completion = await ask(client(1));
    expect(completion.choices[0]!.message.content).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(openaiMock.requests.length - before).toBe(2);
  });

  it("a recorded Gemini 429 reaches the client as 429 with Google's message and a retry-after", async () => {
    geminiMock.prepend({
      path: /:generateContent$/,
      times: 1,
      reply: { status: 429, body: gemini.rateLimited },
    });
    const error = await expectOpenAIApiError(ask(client(0), 'google/gemini-2.5-flash'));
    expect(error.status).toBe(429);
    expect(error.message).toContain('You exceeded your current quota');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(34);
  });

  it('upstream 500 is an OpenAI-shaped 500', async () => {
    // Synthetic 500 body.
    openaiMock.prepend({
      path: CHAT_PATH,
      times: 1,
      reply: {
        status: 500,
        body: {
          error: {
            message: 'The server had an error',
            type: 'server_error',
            param: null,
            code: null,
          },
        },
      },
    });
    const error = await expectOpenAIApiError(ask(client(0)));
    expect(error.status).toBe(500);
  });

  it('an upstream that hangs answers 504 within the configured timeout', async () => {
    openaiMock.prepend({ path: CHAT_PATH, times: 1, reply: { hang: true } });
    const started = Date.now();
    const error = await expectOpenAIApiError(ask(client(0)));
    const elapsed = Date.now() - started;
    expect(error.status).toBe(504);
    expect(elapsed).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(UPSTREAM_TIMEOUT_MS + 2_000);
    expect(error.message).not.toContain('openai-e2e-key');
  });
});

describe('client behaviour', () => {
  it('a client abort mid-stream closes the upstream connection', async () => {
    // The recorded stream's first events, then the upstream stalls (holds the response open).
    openaiMock.prepend({
      path: CHAT_PATH,
      times: 1,
      reply: { sse: recordedChatSseEvents.slice(1, 4), holdOpen: true },
    });
    const before = openaiMock.requests.length;
    const controller = new AbortController();
    const stream = await client(0).chat.completions.create(
      { model: 'openai/gpt-4.1', stream: true, messages: [{ role: 'user', content: 'Hi' }] },
      { signal: controller.signal },
    );
    const received: string[] = [];
    const reading = (async () => {
      for await (const chunk of stream) {
        received.push(chunk.choices[0]?.delta.content ?? '');
        if (received.length === 2) controller.abort();
      }
    })().catch((error: unknown) => error);
    await reading;
    expect(received.join('')).toBe('Hello!');
    const upstream = openaiMock.requests[before]!;
    await Promise.race([
      upstream.closed,
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error('upstream connection still open 3 s after the client left')),
          3_000,
        ),
      ),
    ]);
    expect(upstream.closedEarly).toBe(true);
  });

  it('malformed JSON is a 400 in OpenAI error shape', async () => {
    const response = await fetch(`${gateway.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model": "openai/gpt-4.1", "messages": [',
    });
    expect(response.status).toBe(400);
    expect(checkOpenAIErrorBody(await response.json())).toEqual([]);
  });

  it('an unknown model is a 404 model_not_found naming the configured providers', async () => {
    const error = await expectOpenAIApiError(ask(client(0), 'no-such-model'));
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
    expect(error.message).toContain('no-such-model');
  });
});
