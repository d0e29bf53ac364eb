// Model groups on /v1/messages, end to end with the official `@anthropic-ai/sdk` client: each router
// attempt passes the client's bytes through to a deployment that speaks Messages (Claude on Foundry or
// Vertex) and translates for any other (Gemini), and the client gets Anthropic JSON or Anthropic SSE
// whichever deployment answered. Foundry answers its recorded 529 overloaded_error once per test; the
// router then falls back, to Claude on Vertex (passed through) or to Gemini (translated).
import Anthropic from '@anthropic-ai/sdk';
import type { MockUpstream, RecordedUpstreamRequest } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CLAUDE_TOKEN_PATH,
  claude,
  startClaudeVertexMock,
  startFoundryMock,
} from '../mocks/start-claude-mocks.js';
import { GEMINI_STREAM_TEXT, gemini } from '../mocks/gemini-format-bodies.js';
import { startGeminiMock } from '../mocks/start-gemini-mock.js';
import { readFixtureText } from '@multi-ai-proxy/core/testing';
import { createServiceAccountKey } from '../support/create-service-account-key.js';
import { fixturePath } from '../support/fixture-path.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const PROJECT = 'claude-project';
const REGION = 'us-east5';
const VERTEX_CLAUDE = `/v1/projects/${PROJECT}/locations/${REGION}/publishers/anthropic/models/claude-sonnet-4-5@20250929`;
// Two text events, then a bare google.rpc error (CANCELLED) instead of the end: a stream that breaks
// after the commit point (recorded on Vertex; the Gemini API streams the same shape).
const MID_STREAM_ERROR = readFixtureText(
  fixturePath('vertex', 'streamGenerateContent.error-mid-stream.sse.txt'),
);
const RECORDED = claude.text as { id: string; content: Array<{ text: string }> };
/** The recorded Claude stream's events as the SDK yields them (it skips `ping`). */
const RECORDED_STREAM_TYPES = claude.textSse
  .split('\n')
  .filter((line) => line.startsWith('event: '))
  .map((line) => line.slice('event: '.length).trim())
  .filter((type) => type !== 'ping');

let gateway: RunningGateway;
let mocks: Record<'google' | 'foundry' | 'vertex', MockUpstream>;
let anthropic: Anthropic;
let removeKey: () => void;

beforeAll(async () => {
  const [google, foundry, vertex] = await Promise.all([
    startGeminiMock(),
    startFoundryMock(),
    startClaudeVertexMock(PROJECT, REGION),
  ]);
  mocks = { google, foundry, vertex };
  const serviceAccount = createServiceAccountKey(`${vertex.url}${CLAUDE_TOKEN_PATH}`, PROJECT);
  removeKey = serviceAccount.remove;
  gateway = await startGateway({
    env: {
      GOOGLE_AI_STUDIO_API_KEY: 'gemini-e2e-key',
      GOOGLE_AI_STUDIO_ENDPOINT: google.url,
      GOOGLE_APPLICATION_CREDENTIALS: serviceAccount.path,
    },
    config: {
      providers: [
        { name: 'google', package: '@multi-ai-proxy/provider-google' },
        {
          name: 'foundry',
          package: '@multi-ai-proxy/provider-anthropic',
          options: { foundryBaseUrl: `${foundry.url}/anthropic`, foundryApiKey: 'foundry-e2e-key' },
        },
        {
          name: 'claude-vertex',
          package: '@multi-ai-proxy/provider-anthropic',
          options: {
            upstream: 'vertex',
            vertexProjectId: PROJECT,
            region: REGION,
            vertexBaseUrl: vertex.url,
            modelPatterns: [],
          },
        },
      ],
      // Each test fails Foundry once: the breaker must not take it out of the next test's plan.
      router: { cooldown: { minRequests: 100 } },
      models: {
        'claude-sonnet-ha': {
          deployments: [
            { target: 'foundry/claude-sonnet-4-5' },
            { target: 'claude-vertex/claude-sonnet-4-5@20250929' },
          ],
          strategy: 'ordered',
          // One attempt on each: no second try of a deployment that failed.
          router: { retries: 1 },
        },
        'gemini-then-claude': {
          deployments: [
            { target: 'google/gemini-2.5-flash' },
            { target: 'foundry/claude-sonnet-4-5' },
          ],
          strategy: 'ordered',
        },
        // One failure is enough to cool a deployment here (the breaker's window starts at one request).
        'gemini-breaks-then-claude': {
          deployments: [
            { target: 'google/gemini-2.5-pro' },
            { target: 'foundry/claude-sonnet-4-5' },
          ],
          strategy: 'ordered',
          router: { cooldown: { minRequests: 1, failureRatio: 0.5 } },
        },
        'claude-or-gemini': {
          deployments: [{ target: 'foundry/claude-sonnet-4-5' }],
          fallbacks: ['google/gemini-2.5-flash'],
        },
      },
    },
  });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client-key', maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all(Object.values(mocks ?? {}).map((mock) => mock.close()));
  removeKey?.();
});

beforeEach(() => {
  for (const mock of Object.values(mocks)) mock.requests.length = 0;
});

/** Foundry's next Messages call answers the recorded 529 overloaded_error. */
function overloadFoundryOnce(): void {
  mocks.foundry.prepend({
    method: 'POST',
    path: '/anthropic/v1/messages',
    reply: { status: 529, body: claude.overloaded },
    times: 1,
  });
}

const calls = (name: keyof typeof mocks): RecordedUpstreamRequest[] =>
  mocks[name].requests.filter((request) => request.path !== CLAUDE_TOKEN_PATH);

// A turn that went through Gemini before: its thinking block carries the gateway's signature, which a
// real Claude refuses, so every Claude attempt gets it removed.
const history: Anthropic.MessageParam[] = [
  { role: 'user', content: 'Hi' },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'Gemini thought', signature: 'multi-ai-proxy.thinking.v1' },
      { type: 'text', text: 'Hello.' },
    ],
  },
  { role: 'user', content: 'Who are you?' },
];
const historyForClaude = [
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
  { role: 'user', content: 'Who are you?' },
];

describe('a model group of Claude deployments on /v1/messages', () => {
  it('the first deployment answers: its own bytes reach the client, no translation', async () => {
    const { data, response } = await anthropic.messages
      .create({
        model: 'claude-sonnet-ha',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .withResponse();
    // The recorded message as Foundry sent it (a translation would carry a gateway msg_ id).
    expect(data).toMatchObject({
      id: RECORDED.id,
      content: [{ type: 'text', text: 'Hi! My name is Claude.' }],
    });
    expect(response.headers.get('x-multi-ai-proxy-target')).toBe('foundry/claude-sonnet-4-5');
    expect(response.headers.get('x-multi-ai-proxy-attempts')).toBe('1');
    expect(calls('foundry').map((call) => call.json())).toEqual([
      { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
    ]);
    expect(calls('vertex')).toEqual([]);
  });

  it('messages.create: Foundry 529 overloaded → Claude on Vertex, passed through (rawPredict), gateway thinking stripped on both', async () => {
    overloadFoundryOnce();
    const { data, response } = await anthropic.messages
      .create({ model: 'claude-sonnet-ha', max_tokens: 64, messages: history })
      .withResponse();
    expect(data).toMatchObject({
      id: RECORDED.id,
      content: [{ type: 'text', text: 'Hi! My name is Claude.' }],
    });
    expect(response.headers.get('x-multi-ai-proxy-target')).toBe(
      'claude-vertex/claude-sonnet-4-5@20250929',
    );
    expect(response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    expect(calls('foundry').map((call) => call.json())).toEqual([
      { model: 'claude-sonnet-4-5', max_tokens: 64, messages: historyForClaude },
    ]);
    const vertex = calls('vertex');
    expect(vertex.map((call) => call.path)).toEqual([`${VERTEX_CLAUDE}:rawPredict`]);
    // Vertex takes the model in the URL and the version in the body (provider-anthropic's reshaping).
    expect(vertex[0]!.json()).toEqual({
      anthropic_version: 'vertex-2023-10-16',
      max_tokens: 64,
      messages: historyForClaude,
    });
    expect(calls('google')).toEqual([]);
  });

  it('messages.stream: Foundry 529 → the recorded Claude stream from Vertex (streamRawPredict), event for event', async () => {
    overloadFoundryOnce();
    const { data: stream, response } = await anthropic.messages
      .create({
        model: 'claude-sonnet-ha',
        max_tokens: 64,
        stream: true,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .withResponse();
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-multi-ai-proxy-target')).toBe(
      'claude-vertex/claude-sonnet-4-5@20250929',
    );
    expect(response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    expect(events.map((event) => event.type)).toEqual(RECORDED_STREAM_TYPES);
    expect(events[0]).toMatchObject({ type: 'message_start', message: { id: expect.any(String) } });
    expect(calls('foundry')).toHaveLength(1);
    expect(calls('foundry')[0]!.json()).toMatchObject({ model: 'claude-sonnet-4-5', stream: true });
    expect(calls('vertex').map((call) => call.path)).toEqual([`${VERTEX_CLAUDE}:streamRawPredict`]);
    expect(calls('vertex')[0]!.json()).toMatchObject({
      anthropic_version: 'vertex-2023-10-16',
      stream: true,
    });
  });
});

describe('a model group from Claude to Gemini on /v1/messages', () => {
  it('messages.create: Foundry 529 → the Gemini fallback, translated, answered as a Claude message', async () => {
    overloadFoundryOnce();
    const { data, response } = await anthropic.messages
      .create({
        model: 'claude-or-gemini',
        max_tokens: 64,
        system: 'Be brief.',
        messages: history,
      })
      .withResponse();
    expect(data).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-or-gemini',
      stop_reason: 'max_tokens',
      content: [{ type: 'text', text: expect.stringMatching(/Rayleigh Scattering/) }],
    });
    expect(data.id).toMatch(/^msg_/);
    expect(data.id).not.toBe(RECORDED.id);
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-multi-ai-proxy-target')).toBe('google/gemini-2.5-flash');
    expect(response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    // Foundry got the client's bytes (system as sent, the gateway's thinking block removed) …
    expect(calls('foundry').map((call) => call.json())).toEqual([
      {
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        system: 'Be brief.',
        messages: historyForClaude,
      },
    ]);
    // … Gemini the translation: systemInstruction, the earlier turns as contents.
    const google = calls('google');
    expect(google.map((call) => call.path)).toEqual([
      '/v1beta/models/gemini-2.5-flash:generateContent',
    ]);
    const body = google[0]!.json() as {
      systemInstruction?: unknown;
      contents: Array<{ role: string }>;
      generationConfig?: { maxOutputTokens?: number };
    };
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }] });
    expect(body.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(body.generationConfig?.maxOutputTokens).toBe(64);
  });

  it('messages.stream: Foundry 529 → Gemini, as Anthropic SSE in order (message_start … message_stop)', async () => {
    overloadFoundryOnce();
    const { data: stream, response } = await anthropic.messages
      .create({
        model: 'claude-or-gemini',
        max_tokens: 64,
        stream: true,
        messages: [{ role: 'user', content: 'Capital of Wyoming?' }],
      })
      .withResponse();
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-multi-ai-proxy-target')).toBe('google/gemini-2.5-flash');
    expect(response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    const types = events.map((event) => event.type);
    const deltas = types.filter((type) => type === 'content_block_delta').length;
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      ...Array(deltas).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const text = events
      .map((event) =>
        event.type === 'content_block_delta' && event.delta.type === 'text_delta'
          ? event.delta.text
          : '',
      )
      .join('');
    expect(text).toBe(GEMINI_STREAM_TEXT);
    expect(events[0]).toMatchObject({ message: { model: 'claude-or-gemini' } });
    const last = events.findLast((event) => event.type === 'message_delta') as
      | Anthropic.RawMessageDeltaEvent
      | undefined;
    expect(last?.usage.output_tokens).toBeGreaterThan(0);
    expect(calls('foundry').map((call) => (call.json() as { stream?: boolean }).stream)).toEqual([
      true,
    ]);
    expect(calls('google').map((call) => call.url)).toEqual([
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ]);
  });
});

describe('a model group from Gemini to Claude on /v1/messages', () => {
  it('messages.stream: Gemini’s recorded 429 (RetryInfo) → Claude on Foundry, passed through: the recorded Claude stream', async () => {
    mocks.google.prepend({
      method: 'POST',
      path: /:streamGenerateContent\?alt=sse$/,
      reply: { status: 429, body: gemini.rateLimited },
      times: 1,
    });
    const { data: stream, response } = await anthropic.messages
      .create({
        model: 'gemini-then-claude',
        max_tokens: 64,
        stream: true,
        messages: history,
      })
      .withResponse();
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(response.headers.get('x-multi-ai-proxy-target')).toBe('foundry/claude-sonnet-4-5');
    expect(response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    expect(events.map((event) => event.type)).toEqual(RECORDED_STREAM_TYPES);
    // Gemini got the translation (the three turns as contents) …
    const google = calls('google');
    expect(google.map((call) => call.url)).toEqual([
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ]);
    expect(
      (google[0]!.json() as { contents: Array<{ role: string }> }).contents.map(
        (content) => content.role,
      ),
    ).toEqual(['user', 'model', 'user']);
    // … and Foundry the client's bytes without it, the group's model written in.
    expect(calls('foundry').map((call) => call.json())).toEqual([
      { model: 'claude-sonnet-4-5', max_tokens: 64, stream: true, messages: historyForClaude },
    ]);
  });
});

describe('a model group whose every deployment fails on /v1/messages', () => {
  it('every deployment overloaded: 529 overloaded_error in Anthropic’s envelope, after one attempt on each', async () => {
    overloadFoundryOnce();
    // Claude on Vertex answers Anthropic's error bodies too: the same recording.
    mocks.vertex.prepend({
      method: 'POST',
      path: `${VERTEX_CLAUDE}:rawPredict`,
      reply: { status: 529, body: claude.overloaded },
      times: 1,
    });
    const error = await anthropic.messages
      .create({
        model: 'claude-sonnet-ha',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'x' }],
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBe(529);
    expect(apiError.error).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.stringContaining('Overloaded') },
    });
    expect(apiError.headers?.get('x-multi-ai-proxy-attempts')).toBe('2');
    expect(calls('foundry')).toHaveLength(1);
    expect(calls('vertex')).toHaveLength(1);
  });
});

describe('a translated stream that breaks after its first event, in a group on /v1/messages', () => {
  it('ends with Anthropic’s error event and counts against its deployment: the next request starts on the fallback', async () => {
    mocks.google.prepend({
      method: 'POST',
      path: /^\/v1beta\/models\/gemini-2\.5-pro:streamGenerateContent/,
      reply: { rawSse: MID_STREAM_ERROR },
      times: 1,
    });
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'client-key',
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: 'gemini-breaks-then-claude',
        max_tokens: 64,
        stream: true,
        messages: [{ role: 'user', content: 'Count.' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-multi-ai-proxy-target')).toBe('google/gemini-2.5-pro');
    const text = await response.text();
    const types = text
      .split('\n')
      .filter((line) => line.startsWith('event: '))
      .map((line) => line.slice('event: '.length));
    // The text that came before the break reached the client, then Anthropic's error event, last.
    expect(types[0]).toBe('message_start');
    expect(text).toContain('"text":"First "');
    expect(types.at(-1)).toBe('error');
    expect(types).not.toContain('message_stop');
    expect(calls('google')).toHaveLength(1);

    // The break cooled google/gemini-2.5-pro: the next request goes to Foundry without trying Gemini.
    const next = await anthropic.messages
      .create({
        model: 'gemini-breaks-then-claude',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'Again.' }],
      })
      .withResponse();
    expect(next.response.headers.get('x-multi-ai-proxy-target')).toBe('foundry/claude-sonnet-4-5');
    expect(next.response.headers.get('x-multi-ai-proxy-attempts')).toBe('1');
    expect(next.data.id).toBe(RECORDED.id);
    expect(calls('google')).toHaveLength(1);
    expect(calls('foundry')).toHaveLength(1);
  });
});
