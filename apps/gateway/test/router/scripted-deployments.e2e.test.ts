// Model groups through the real gateway process and the official openai client (no SDK retries)
// against scripted OpenAI-compatible deployments: transport failures before the commit point
// (hang, 200 then silence, reset, an error as the first event) are retried elsewhere, a 401 cools
// the deployment, the deadline bounds the whole request, a stream cut after k chunks is never
// replayed, and per-deployment rpm spreads the traffic. (429/503/fallbacks: model-groups.e2e.test.ts.)
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedChatSseEvents } from '../mocks/openai-format-bodies.js';
import {
  type ScriptedDeploymentsMock,
  startScriptedDeploymentsMock,
} from '../mocks/start-scripted-deployments-mock.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const FIRST_BYTE_TIMEOUT_MS = 800;
const DEADLINE_MS = 1500;
const DEPLOYMENTS = [
  'hang-a',
  'hang-b',
  'silent-a',
  'silent-b',
  'reset-a',
  'reset-b',
  'event-a',
  'event-b',
  'auth-a',
  'auth-b',
  'slow-a',
  'slow-b',
  'cut-a',
  'cut-b',
  'rpm-a',
  'rpm-b',
  'rpm-c',
];

let mock: ScriptedDeploymentsMock;
let gateway: RunningGateway;

const pair = (name: string, router: Record<string, unknown> = {}) => ({
  deployments: [{ target: `${name}-a/m` }, { target: `${name}-b/m` }],
  strategy: 'ordered',
  router: { firstByteTimeoutMs: FIRST_BYTE_TIMEOUT_MS, ...router },
});

beforeAll(async () => {
  mock = await startScriptedDeploymentsMock();
  gateway = await startGateway({
    config: {
      providers: DEPLOYMENTS.map((name) => ({
        name,
        package: '@multi-ai-proxy/provider-openai',
        options: { endpoint: mock.endpoint(name), apiKey: 'server-side-key' },
      })),
      models: {
        hang: pair('hang'),
        silent: pair('silent'),
        reset: pair('reset'),
        event: pair('event'),
        auth: pair('auth'),
        slow: pair('slow', { firstByteTimeoutMs: 60_000, deadlineMs: DEADLINE_MS }),
        cut: pair('cut'),
        spread: {
          deployments: ['a', 'b', 'c'].map((name) => ({ target: `rpm-${name}/m`, rpm: 2 })),
        },
      },
      router: { retries: 3 },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

const client = () => new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
const ask = (model: string) =>
  client()
    .chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
const RECORDED_TEXT = "Hello! I'm just a program";
const target = (answer: Awaited<ReturnType<typeof ask>>) =>
  answer.response.headers.get('x-multi-ai-proxy-target');
const attempts = (answer: Awaited<ReturnType<typeof ask>>) =>
  answer.response.headers.get('x-multi-ai-proxy-attempts');

/** A streamed answer read with the openai client: its text, and the error that ended it (if any). */
async function streamText(model: string) {
  const { data, response } = await client()
    .chat.completions.create({
      model,
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    .withResponse();
  let text = '';
  let error: unknown;
  try {
    for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
  } catch (thrown) {
    error = thrown;
  }
  return { text, error, headers: response.headers };
}

describe('scripted deployments', () => {
  it('a deployment that accepts and never answers is left after firstByteTimeoutMs for the next one', async () => {
    await mock.script('hang-a', [{ kind: 'hang' }]);
    const startedAt = Date.now();
    const answer = await ask('hang');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(FIRST_BYTE_TIMEOUT_MS);
    expect(answer.data.choices[0]?.message.content).toContain(RECORDED_TEXT);
    expect(target(answer)).toBe('hang-b/m');
    expect(attempts(answer)).toBe('2');
    expect([mock.hits('hang-a'), mock.hits('hang-b')]).toEqual([1, 1]);
  });

  it('200 with headers and then silence is retried elsewhere before anything reaches the client (streamed and not)', async () => {
    await mock.script('silent-a', [{ kind: 'silence' }, { kind: 'silence' }]);
    const answer = await ask('silent');
    expect(answer.data.choices[0]?.message.content).toContain(RECORDED_TEXT);
    expect(target(answer)).toBe('silent-b/m');
    expect(attempts(answer)).toBe('2');
    const streamed = await streamText('silent');
    expect(streamed.error).toBeUndefined();
    // The recorded include_usage stream, once.
    expect(streamed.text).toBe('Capital of Denmark.');
    expect(streamed.headers.get('x-multi-ai-proxy-target')).toBe('silent-b/m');
    expect(streamed.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    expect([mock.hits('silent-a'), mock.hits('silent-b')]).toEqual([2, 2]);
  });

  it('a connection reset before the headers is retried on the next deployment', async () => {
    await mock.script('reset-a', [{ kind: 'reset' }]);
    const answer = await ask('reset');
    expect(answer.data.choices[0]?.message.content).toContain(RECORDED_TEXT);
    expect(target(answer)).toBe('reset-b/m');
    expect(attempts(answer)).toBe('2');
  });

  it('a stream whose first event is an error is retried before the commit point', async () => {
    await mock.script('event-a', [{ kind: 'first-event-error' }]);
    const streamed = await streamText('event');
    expect(streamed.error).toBeUndefined();
    expect(streamed.text).toBe('Capital of Denmark.');
    expect(streamed.headers.get('x-multi-ai-proxy-target')).toBe('event-b/m');
    expect(streamed.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
  });

  it('a 401 cools the deployment for longer and moves on: the next requests skip it', async () => {
    await mock.script('auth-a', [{ kind: 'status', status: 401 }]);
    const first = await ask('auth');
    expect(target(first)).toBe('auth-b/m');
    expect(attempts(first)).toBe('2');
    // auth-a would answer now (its script is spent), but its key was refused: it stays out.
    for (let i = 0; i < 3; i += 1) {
      const next = await ask('auth');
      expect(target(next)).toBe('auth-b/m');
      expect(attempts(next)).toBe('1');
    }
    expect(mock.hits('auth-a')).toBe(1);
    const requestId = first.response.headers.get('x-request-id');
    await expect
      .poll(() =>
        gateway.logs.find((line) => line.msg === 'request' && line.requestId === requestId),
      )
      .toMatchObject({
        tries: [
          { target: 'auth-a/m', status: 401, reason: 'auth' },
          { target: 'auth-b/m', status: 200 },
        ],
      });
  });

  it('deadlineMs bounds every attempt together against slow deployments: 504 in time, with the attempts made', async () => {
    await mock.script('slow-a', [{ kind: 'hang' }]);
    await mock.script('slow-b', [{ kind: 'hang' }]);
    const startedAt = Date.now();
    const error = await expectOpenAIApiError(ask('slow'));
    const elapsed = Date.now() - startedAt;
    expect(error.status).toBe(504);
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS);
    // Far below firstByteTimeoutMs (60 s) per attempt: the deadline is one budget.
    expect(elapsed).toBeLessThan(DEADLINE_MS + 3000);
    expect(error.headers?.get('x-multi-ai-proxy-attempts')).toBe('1');
    expect(mock.hits('slow-a') + mock.hits('slow-b')).toBe(1);
  });

  it('k chunks then a reset after the commit point: an error for the client, no [DONE], no text twice, no retry', async () => {
    await mock.script('cut-a', [{ kind: 'chunks-then-reset', chunks: 3 }]);
    const streamed = await streamText('cut');
    const firstThree = recordedChatSseEvents
      .slice(1, 4)
      .map(
        (event) =>
          (JSON.parse(event) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta
            .content ?? '',
      )
      .join('');
    expect(firstThree.length).toBeGreaterThan(0);
    expect(streamed.text).toBe(firstThree);
    expect(streamed.error).toBeInstanceOf(OpenAI.APIError);
    expect(streamed.headers.get('x-multi-ai-proxy-target')).toBe('cut-a/m');
    expect(streamed.headers.get('x-multi-ai-proxy-attempts')).toBe('1');
    expect(mock.hits('cut-b')).toBe(0);
  });

  it('per-deployment rpm spreads traffic: two requests each, then 429 with the Retry-After of the first free slot', async () => {
    const targets: string[] = [];
    for (let i = 0; i < 6; i += 1) targets.push(target(await ask('spread')) as string);
    expect(targets.sort()).toEqual([
      'rpm-a/m',
      'rpm-a/m',
      'rpm-b/m',
      'rpm-b/m',
      'rpm-c/m',
      'rpm-c/m',
    ]);
    const error = await expectOpenAIApiError(ask('spread'));
    expect(error.status).toBe(429);
    expect(error.code).toBe('all_deployments_rate_limited');
    // rpm 2: a slot every 30 s; the earliest frees ~30 s after the first request.
    const retryAfter = Number(error.headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(20);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(error.headers?.get('x-multi-ai-proxy-attempts')).toBe('0');
    expect([mock.hits('rpm-a'), mock.hits('rpm-b'), mock.hits('rpm-c')]).toEqual([2, 2, 2]);
  });
});
