import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { keyStateStoreContract } from './key-state-store-contract.js';
import { RedisKeyStateStore } from './redis-key-state-store.js';

// The real Redis on 127.0.0.1:6379, with a key prefix of its own per run.
const prefix = `mpx-test:${randomUUID()}:`;
const redis = new Redis({
  host: '127.0.0.1',
  port: 6379,
  lazyConnect: false,
  maxRetriesPerRequest: 1,
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('RedisKeyStateStore (admit and settle Lua on a real Redis)', () => {
  let counter = 0;
  const store = new RedisKeyStateStore(redis, prefix);
  keyStateStoreContract(() => ({
    store,
    keyId: () => `key-${++counter}`,
    // What a killed gateway leaves: leases whose deadline has passed.
    expireLeases: async (keyId) => {
      const key = `${prefix}{k:${keyId}}:lease`;
      for (const member of await redis.zrange(key, 0, -1)) await redis.zadd(key, 1, member);
    },
  }));

  it('keeps every key under the hash tag, with an expiry, as integer milliseconds', async () => {
    const keyId = `key-${++counter}`;
    await store.admit({
      keyId,
      requests: { limit: 10, periodMs: 60_000, costMs: 6_000 },
      tokens: { limit: 1_000, periodMs: 60_000, costMs: 600 },
      lease: { max: 5, id: 'lease-1', leaseMs: 60_000 },
      usage: {
        periodId: 'p',
        expireAtMs: Date.now() + 3_600_000,
        estimateMicros: 5,
        budgetMicros: 100,
      },
    });
    const keys = (await redis.keys(`${prefix}{k:${keyId}}:*`)).sort();
    expect(keys.map((key) => key.slice(prefix.length))).toEqual([
      `{k:${keyId}}:lease`,
      `{k:${keyId}}:rpm`,
      `{k:${keyId}}:tpm`,
      `{k:${keyId}}:use:p`,
    ]);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    expect(await redis.get(`${prefix}{k:${keyId}}:rpm`)).toMatch(/^\d{13}$/);
  });

  it('a renewal moves the lease deadline and the lease set expiry from the server clock', async () => {
    const keyId = `key-${++counter}`;
    const lease = `${prefix}{k:${keyId}}:lease`;
    await store.admit({
      keyId,
      lease: { max: 1, id: 'long-stream', leaseMs: 60_000 },
      usage: { periodId: 'p', expireAtMs: Date.now() + 3_600_000, estimateMicros: 0 },
    });
    const [seconds] = await redis.time();
    expect(await store.renewLease(keyId, 'long-stream', 1_800_000)).toBe(true);
    const deadline = Number(await redis.zscore(lease, 'long-stream'));
    expect(deadline - Number(seconds) * 1000).toBeGreaterThan(1_790_000);
    expect(deadline - Number(seconds) * 1000).toBeLessThan(1_810_000);
    expect(await redis.pttl(lease)).toBeGreaterThan(1_790_000);
  });

  it('fails fast when Redis is unreachable (no offline queue)', async () => {
    const down = new Redis({
      host: '127.0.0.1',
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    down.on('error', () => {});
    const unreachable = new RedisKeyStateStore(down, prefix);
    await expect(
      unreachable.admit({
        keyId: 'x',
        usage: { periodId: 'p', expireAtMs: Date.now() + 1000, estimateMicros: 0 },
      }),
    ).rejects.toThrow();
    down.disconnect();
  });
});
