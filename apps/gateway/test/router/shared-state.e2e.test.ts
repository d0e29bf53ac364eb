// Two gateway processes sharing their router state through the real Redis: a 429 that replica A saw
// keeps replica B off that deployment for the Retry-After. Then Redis stops mid-run (a private
// redis-server): `onError: open` keeps serving from memory, `closed` answers 503, nothing hangs.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection, waitForRedis } from '../../src/state/create-redis-connection.js';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { connectTestRedis, TEST_REDIS_URL } from '../support/connect-test-redis.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

// Deployment names unique to this run: the keys of parallel runs on the same Redis never collide.
const RUN = randomUUID().slice(0, 8);
const chatPath = (model: string) => new RegExp(`^/openai/deployments/${model}/chat/completions`);
const hits = (mock: MockUpstream, model: string) =>
  mock.requests.filter((request) => chatPath(model).test(request.path)).length;

let eu: MockUpstream;
let us: MockUpstream;

const configFor = (model: string, state: Record<string, unknown>) => ({
  providers: [
    { name: 'azure-eu', package: '@multi-ai-proxy/provider-azure', options: { endpoint: eu.url } },
    { name: 'azure-us', package: '@multi-ai-proxy/provider-azure', options: { endpoint: us.url } },
  ],
  models: {
    [model]: {
      deployments: [{ target: `azure-eu/${model}` }, { target: `azure-us/${model}` }],
      strategy: 'ordered',
    },
  },
  state,
});
const ask = (gateway: RunningGateway, model: string) =>
  new OpenAI({
    baseURL: gateway.baseURL,
    apiKey: 'client-key',
    maxRetries: 0,
    timeout: 10_000,
  }).chat.completions
    .create({ model, messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();

beforeAll(async () => {
  // Fails with how to start Redis when none answers.
  await (await connectTestRedis()).quit();
  [eu, us] = await Promise.all([startAzureMock(), startAzureMock()]);
});

afterAll(async () => {
  await Promise.all([eu?.close(), us?.close()]);
});

describe('two replicas on one Redis', () => {
  let a: RunningGateway;
  let b: RunningGateway;
  const model = `shared-${RUN}`;
  beforeAll(async () => {
    const config = configFor(model, { store: 'redis', redisUrl: TEST_REDIS_URL });
    [a, b] = await Promise.all([
      startGateway({ env: { AZURE_OPENAI_API_KEY: 'k' }, config }),
      startGateway({ env: { AZURE_OPENAI_API_KEY: 'k' }, config }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('a 429 seen by replica A keeps replica B off that deployment for the Retry-After', async () => {
    eu.prepend({
      path: chatPath(model),
      times: 1,
      reply: {
        status: 429,
        headers: { 'retry-after': '20' },
        body: { error: { code: '429', message: 'Rate limit is exceeded.' } },
      },
    });
    const first = await ask(a, model);
    expect(first.response.headers.get('x-multi-ai-proxy-target')).toBe(`azure-us/${model}`);
    for (let i = 0; i < 3; i += 1) {
      const answer = await ask(b, model);
      expect(answer.response.headers.get('x-multi-ai-proxy-target')).toBe(`azure-us/${model}`);
      expect(answer.response.headers.get('x-multi-ai-proxy-attempts')).toBe('1');
    }
    expect(hits(eu, model)).toBe(1);
    expect(hits(us, model)).toBe(4);
  });
});

describe('Redis stopped mid-run', () => {
  let redis: ChildProcess;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = await connectTestRedisAt(`redis://127.0.0.1:${port}`);
    await probe.quit();
  });
  afterAll(() => {
    if (redis.exitCode === null) redis.kill('SIGKILL');
  });

  it('open keeps serving from memory, closed answers 503 with retry-after, and neither hangs', async () => {
    const model = `stopped-${RUN}`;
    const url = `redis://127.0.0.1:${port}`;
    const [open, closed] = await Promise.all([
      startGateway({
        env: { AZURE_OPENAI_API_KEY: 'k' },
        config: configFor(model, { store: 'redis', redisUrl: url, onError: 'open' }),
      }),
      startGateway({
        env: { AZURE_OPENAI_API_KEY: 'k' },
        config: configFor(model, { store: 'redis', redisUrl: url, onError: 'closed' }),
      }),
    ]);
    try {
      expect((await ask(open, model)).response.status).toBe(200);
      expect((await ask(closed, model)).response.status).toBe(200);
      const exited = new Promise((resolve) => redis.once('exit', resolve));
      redis.kill('SIGKILL');
      await exited;
      const started = Date.now();
      expect((await ask(open, model)).data.choices[0]?.message.content).toContain('Hello');
      const refused = await expectOpenAIApiError(ask(closed, model));
      expect(refused.status).toBe(503);
      expect(refused.code).toBe('state_unavailable');
      expect(refused.headers?.get('retry-after')).toBe('1');
      // Connect and command timeouts bound every Redis call: well under the client's 10 s.
      expect(Date.now() - started).toBeLessThan(5000);
      await expect
        .poll(() =>
          open.logs.some(
            (line) => line.msg === 'redis unavailable: using this process’s memory state',
          ),
        )
        .toBe(true);
    } finally {
      await Promise.all([open.stop(), closed.stop()]);
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      );
    });
  });
}

/** The private redis-server, once it answers (bounded: 10 s). */
async function connectTestRedisAt(url: string) {
  const redis = createRedisConnection({ url, connectTimeoutMs: 1000, commandTimeoutMs: 1000 });
  for (let i = 0; i < 50 && !(await waitForRedis(redis, 200)); i += 1);
  if (redis.status !== 'ready') throw new Error(`the private redis-server on ${url} did not start`);
  return redis;
}
