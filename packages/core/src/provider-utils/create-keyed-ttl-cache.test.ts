import { describe, expect, it } from 'vitest';
import { createKeyedTtlCache } from './create-keyed-ttl-cache.js';

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('createKeyedTtlCache', () => {
  it('shares one load between concurrent callers of a key and serves it until the TTL ends', async () => {
    let clock = 1_000;
    const cache = createKeyedTtlCache<string[]>({ ttlMs: 100, now: () => clock });
    const upstream = deferred<string[]>();
    let loads = 0;
    const load = () => {
      loads++;
      return upstream.promise;
    };
    const first = cache.get('key-a', load);
    const second = cache.get('key-a', load);
    upstream.resolve(['m1']);
    expect(await first).toBe(await second);
    expect(loads).toBe(1);
    expect(cache.peek('key-a')).toEqual(['m1']);
    clock += 99;
    await cache.get('key-a', async () => ['m2']);
    expect(cache.peek('key-a')).toEqual(['m1']);
    clock += 1;
    expect(cache.peek('key-a')).toBeUndefined();
    expect(await cache.get('key-a', async () => ['m2'])).toEqual(['m2']);
  });

  it('peekPrimary serves the server credential’s fresh value, and only that one', async () => {
    let clock = 0;
    const cache = createKeyedTtlCache<string[]>({
      ttlMs: 100,
      now: () => clock,
      primaryKey: 'server-key',
    });
    expect(cache.peekPrimary()).toBeUndefined();
    await cache.get('client-key', async () => ['client']);
    expect(cache.peekPrimary()).toBeUndefined();
    await cache.get('server-key', async () => ['server']);
    expect(cache.peekPrimary()).toEqual(['server']);
    clock += 100;
    expect(cache.peekPrimary()).toBeUndefined();
    expect(createKeyedTtlCache<string[]>({ ttlMs: 100 }).peekPrimary()).toBeUndefined();
  });

  it('keeps keys apart and never stores a failure', async () => {
    const cache = createKeyedTtlCache<string[]>({ ttlMs: 1_000 });
    await expect(cache.get('bad', async () => Promise.reject(new Error('401')))).rejects.toThrow(
      '401',
    );
    expect(await cache.get('good', async () => ['g'])).toEqual(['g']);
    expect(cache.peek('bad')).toBeUndefined();
    expect(await cache.get('bad', async () => ['now fine'])).toEqual(['now fine']);
    expect(cache.latest()).toEqual(['now fine']);
    expect(cache.peek('good')).toEqual(['g']);
  });

  it('stores nothing with ttlMs 0, uses ttlOf per value, and drops the oldest key beyond maxEntries', async () => {
    const uncached = createKeyedTtlCache<number>({ ttlMs: 0 });
    await uncached.get('k', async () => 1);
    expect(uncached.peek('k')).toBeUndefined();
    expect(uncached.latest()).toBe(1);

    let clock = 0;
    const short = createKeyedTtlCache<{ fallback: boolean }>({
      ttlMs: 1_000,
      ttlOf: (value) => (value.fallback ? 10 : 1_000),
      now: () => clock,
    });
    await short.get('k', async () => ({ fallback: true }));
    clock = 10;
    expect(short.peek('k')).toBeUndefined();

    const bounded = createKeyedTtlCache<string>({ ttlMs: 1_000, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await bounded.get(key, async () => key);
    expect([bounded.peek('a'), bounded.peek('b'), bounded.peek('c')]).toEqual([
      undefined,
      'b',
      'c',
    ]);
  });
});
