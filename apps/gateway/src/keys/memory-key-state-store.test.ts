import { describe, expect, it } from 'vitest';
import { keyStateStoreContract } from './key-state-store-contract.js';
import { MemoryKeyStateStore } from './memory-key-state-store.js';

describe('MemoryKeyStateStore', () => {
  let now = 1_700_000_000_000;
  let counter = 0;
  keyStateStoreContract(() => ({
    store: new MemoryKeyStateStore(() => now),
    keyId: () => `key-${++counter}`,
    expireLeases: async () => {
      now += 61_000;
    },
  }));

  it('refills a bucket as its fake clock moves, and drops usage past its expiry', async () => {
    let clock = 0;
    const store = new MemoryKeyStateStore(() => clock);
    const request = {
      keyId: 'k',
      requests: { limit: 2, periodMs: 60_000, costMs: 30_000 },
      usage: { periodId: 'p', expireAtMs: 100_000, estimateMicros: 0 },
    };
    expect(store.admitNow(request).allowed).toBe(true);
    expect(store.admitNow(request).allowed).toBe(true);
    expect(store.admitNow(request)).toMatchObject({ allowed: false, retryAfterMs: 30_000 });
    clock = 30_000;
    expect(store.admitNow(request).allowed).toBe(true);
    expect((await store.readUsage('k', 'p')).requests).toBe(3);
    clock = 100_000;
    expect((await store.readUsage('k', 'p')).requests).toBe(0);
  });
});
