import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { connectTestRedis } from '../../test/support/connect-test-redis.js';
import { createRedisConnection } from './create-redis-connection.js';
import { MemoryResponseStore } from './memory-response-store.js';
import { RedisErrorPolicy } from './redis-error-policy.js';
import { RedisResponseStore } from './redis-response-store.js';
import type { StoredResponse } from './response-store.js';

const redis = await connectTestRedis();
afterAll(() => redis.quit());

const record = (id: string): StoredResponse => ({
  response: {
    id,
    object: 'response',
    created_at: 1,
    status: 'completed',
    completed_at: 2,
    error: null,
    incomplete_details: null,
    output: [],
    usage: null,
  },
  input: [{ id: 'msg_1', type: 'message', role: 'user', content: [] }],
});

const fallback = () =>
  new MemoryResponseStore({ ttlMs: 60_000, maxEntries: 10, maxBytes: 1e6, maxResponseBytes: 1e5 });

function storeOn(prefix: string, onError: 'open' | 'closed' = 'closed', connection = redis) {
  return new RedisResponseStore({
    redis: connection,
    errors: new RedisErrorPolicy(onError, () => {}),
    ttlSeconds: 120,
    maxResponseBytes: 10_000,
    fallback: fallback(),
    prefix,
  });
}

describe('RedisResponseStore', () => {
  it('keeps one key per owner and response, under the prefix, with the TTL as expiry', async () => {
    const prefix = `mpx:test:${randomUUID()}:`;
    const store = storeOn(prefix);
    expect(await store.save('owner-a', record('resp_1'))).toBe(true);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toEqual([`${prefix}{resp:owner-a:resp_1}:record`]);
    const ttl = await redis.ttl(keys[0] as string);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    expect(await store.get('owner-a', 'resp_1')).toEqual(record('resp_1'));
    expect(await store.get('owner-b', 'resp_1')).toBeUndefined();
    // A second process on the same Redis sees it.
    expect(await storeOn(prefix).get('owner-a', 'resp_1')).toEqual(record('resp_1'));
    expect(await store.delete('owner-b', 'resp_1')).toBe(false);
    expect(await store.delete('owner-a', 'resp_1')).toBe(true);
    expect(await store.get('owner-a', 'resp_1')).toBeUndefined();
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it('refuses a record above maxResponseBytes without writing', async () => {
    const prefix = `mpx:test:${randomUUID()}:`;
    const big = record('resp_big');
    big.input.push({ id: 'x', type: 'message', content: 'y'.repeat(20_000) });
    expect(await storeOn(prefix).save('o', big)).toBe(false);
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it('with Redis gone: 503 when closed, this process’s memory when open', async () => {
    const gone = createRedisConnection({
      url: 'redis://127.0.0.1:1',
      connectTimeoutMs: 50,
      commandTimeoutMs: 50,
    });
    try {
      const prefix = `mpx:test:${randomUUID()}:`;
      await expect(storeOn(prefix, 'closed', gone).get('o', 'resp_1')).rejects.toMatchObject({
        status: 503,
        code: 'state_unavailable',
      });
      const open = storeOn(prefix, 'open', gone);
      expect(await open.save('o', record('resp_1'))).toBe(true);
      expect(await open.get('o', 'resp_1')).toEqual(record('resp_1'));
    } finally {
      gone.disconnect();
    }
  });
});
