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
