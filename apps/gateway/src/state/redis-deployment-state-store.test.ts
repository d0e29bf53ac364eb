import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDeploymentStateStore } from '../../test/support/describe-deployment-state-store.js';
import { connectTestRedis } from '../../test/support/connect-test-redis.js';
import { createRedisConnection } from './create-redis-connection.js';
import { RedisDeploymentStateStore } from './redis-deployment-state-store.js';
import { RedisErrorPolicy } from './redis-error-policy.js';

const redis = await connectTestRedis();
afterAll(() => redis.quit());

describeDeploymentStateStore('RedisDeploymentStateStore', () => {
  let now = 1_700_000_000_000;
  const store = new RedisDeploymentStateStore({
    redis,
    errors: new RedisErrorPolicy('closed', () => {}),
    prefix: `mpx:test:${randomUUID()}:`,
    testClock: () => now,
  });
  return {
    store,
    advance: (ms) => {
      now += ms;
    },
  };
});

describe('RedisDeploymentStateStore keys', () => {
  it('keeps every key under the prefix, with a hash tag per deployment and an expiry', async () => {
    const prefix = `mpx:test:${randomUUID()}:`;
    const store = new RedisDeploymentStateStore({
      redis,
      errors: new RedisErrorPolicy('closed', () => {}),
      prefix,
    });
    await store.cool('azure-eu/gpt-4o', 2000, 'rate_limited');
    await store.failed(
      'azure-eu/gpt-4o',
      { failureRatio: 0.5, minRequests: 5, windowSeconds: 60, baseMs: 5000, maxMs: 300_000 },
      true,
    );
    const keys = (await redis.keys(`${prefix}*`)).sort();
    expect(keys).toEqual([
      `${prefix}{dep:azure-eu/gpt-4o}:state`,
      `${prefix}{dep:azure-eu/gpt-4o}:window`,
    ]);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});

describe('RedisDeploymentStateStore limits and cooling memo', () => {
  it('keeps a deployment’s rpm/tpm buckets beside its state, with an expiry, shared by two replicas', async () => {
    const prefix = `mpx:test:${randomUUID()}:`;
    const replica = () =>
      new RedisDeploymentStateStore({
        redis,
        errors: new RedisErrorPolicy('closed', () => {}),
        prefix,
      });
    const [a, b] = [replica(), replica()];
    const rpm2 = { requests: { periodMs: 60_000, costMs: 30_000 } };
    expect(
      await a.reserve('azure-eu/gpt-4o', { ...rpm2, tokens: { periodMs: 60_000, costMs: 1000 } }),
    ).toBe(0);
    expect(await b.reserve('azure-eu/gpt-4o', rpm2)).toBe(0);
    // The server's clock ran between the two: the wait is just under 30 s.
    const wait = await a.reserve('azure-eu/gpt-4o', rpm2);
    expect(wait).toBeGreaterThan(29_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    const keys = (await redis.keys(`${prefix}*`)).sort();
    expect(keys).toEqual([
      `${prefix}{dep:azure-eu/gpt-4o}:rpm`,
      `${prefix}{dep:azure-eu/gpt-4o}:tpm`,
    ]);
    // Each expires once its bucket has drained (plus a second).
    expect(await redis.pttl(keys[0] as string)).toBeGreaterThan(59_000);
    expect(await redis.pttl(keys[0] as string)).toBeLessThanOrEqual(61_000);
    expect(await redis.pttl(keys[1] as string)).toBeLessThanOrEqual(2000);
    // A full refund leaves nothing behind.
    await a.adjust('azure-eu/gpt-4o', { tokensMs: -1000 });
    expect(await redis.exists(keys[1] as string)).toBe(0);
  });

  it('memoises cooling reads for at most a second; its own cooldown and a refused admission drop the memo', async () => {
    const prefix = `mpx:test:${randomUUID()}:`;
    let local = 0;
    const replica = () =>
      new RedisDeploymentStateStore({
        redis,
        errors: new RedisErrorPolicy('closed', () => {}),
        prefix,
        localClock: () => local,
      });
    const [a, b] = [replica(), replica()];
    expect((await a.cooling(['x/m', 'y/m'])).size).toBe(0);
    await b.cool('x/m', 60_000, 'rate_limited');
    // A still answers from its memo, without a round trip…
    const memoised = a.cooling(['x/m', 'y/m']);
    expect(memoised).toBeInstanceOf(Map);
    expect((await memoised).size).toBe(0);
    // …until the second is over.
    local += 1000;
    expect([...(await a.cooling(['x/m', 'y/m'])).keys()]).toEqual(['x/m']);
    // B's own cooldown is visible to B at once, though B had read y/m as healthy.
    expect((await b.cooling(['y/m'])).size).toBe(0);
    await b.cool('y/m', 60_000, 'failing');
    expect([...(await b.cooling(['y/m'])).keys()]).toEqual(['y/m']);
    // A memo that let a request through is corrected by the admission the script refused.
    expect((await a.cooling(['y/m'])).size).toBe(0);
    expect(await a.admit('y/m')).toMatchObject({ reason: 'failing' });
    expect([...(await a.cooling(['y/m'])).keys()]).toEqual(['y/m']);
  });
});

describe('RedisErrorPolicy with Redis gone', () => {
  let dead: ReturnType<typeof createRedisConnection>;
  beforeAll(() => {
    // A closed loopback port: nothing listens there.
    dead = createRedisConnection({
      url: 'redis://127.0.0.1:1',
      connectTimeoutMs: 200,
      commandTimeoutMs: 200,
    });
  });
  afterAll(() => dead.disconnect());

  it('open: answers from memory and warns once; closed: a 503 with retry-after; neither hangs', async () => {
    const warnings: string[] = [];
    const open = new RedisDeploymentStateStore({
      redis: dead,
      errors: new RedisErrorPolicy('open', (_fields, message) => warnings.push(message)),
    });
    await open.cool('a/m', 60_000, 'rate_limited');
    expect(await open.admit('a/m')).toMatchObject({ reason: 'rate_limited' });
    expect(warnings).toHaveLength(1);
    const closed = new RedisDeploymentStateStore({
      redis: dead,
      errors: new RedisErrorPolicy('closed', () => {}),
    });
    await expect(closed.admit('a/m')).rejects.toMatchObject({
      status: 503,
      code: 'state_unavailable',
      headers: { 'retry-after': '1' },
    });
  });
});
