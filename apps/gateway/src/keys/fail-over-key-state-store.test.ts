import { GatewayError } from '@multi-ai-proxy/core';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { FailOverKeyStateStore } from './fail-over-key-state-store.js';
import type { AdmitRequest } from './key-state-store.js';
import { MemoryKeyStateStore } from './memory-key-state-store.js';
import { RedisKeyStateStore } from './redis-key-state-store.js';
import { RedisErrorPolicy } from '../state/redis-error-policy.js';

// A real ioredis client pointed at a closed port, configured as the gateway configures its own
// (no offline queue, no retries per request): every command fails at once.
const unreachable = new Redis({
  host: '127.0.0.1',
  port: 1,
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
});
unreachable.on('error', () => {});
afterAll(() => unreachable.disconnect());

const rateOnly: AdmitRequest = {
  keyId: 'k',
  requests: { limit: 1, periodMs: 60_000, costMs: 60_000 },
  usage: { periodId: 'p', expireAtMs: Date.now() + 60_000, estimateMicros: 0 },
};

function setup(onError: 'open' | 'closed') {
  const lines: unknown[] = [];
  let now = 0;
  const fallback = new MemoryKeyStateStore();
  const store = new FailOverKeyStateStore(
    new RedisKeyStateStore(unreachable, 'mpx-test-down:'),
    fallback,
    new RedisErrorPolicy(
      onError,
      (line: unknown) => lines.push(line),
      () => now,
    ),
  );
  return { store, fallback, lines, advance: (ms: number) => (now += ms) };
}

describe('FailOverKeyStateStore with Redis unreachable', () => {
  it('open: rate limits fall back to per-process memory, logged once a minute by the shared policy', async () => {
    const { store, fallback, lines, advance } = setup('open');
    const first = await store.admit(rateOnly);
    expect(first.result.allowed).toBe(true);
    expect(first.store).toBe(fallback);
    // The memory store enforces the limit in this process.
    expect((await store.admit(rateOnly)).result.allowed).toBe(false);
    expect(lines).toHaveLength(1);
    advance(59_000);
    await store.admit(rateOnly);
    expect(lines).toHaveLength(1);
    advance(1_000);
    await store.admit(rateOnly);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ what: 'key admit', onError: 'open' });
    // Settling where the request was admitted (memory) works; a settle on Redis is logged, not thrown.
    await expect(
      store.settle(first.store, {
        keyId: 'k',
        usage: {
          periodId: 'p',
          expireAtMs: Date.now() + 60_000,
          prompt: 1,
          completion: 1,
          cached: 0,
          reasoning: 0,
          costDeltaMicros: 0,
        },
      }),
    ).resolves.toBeUndefined();
  });

  it('closed: a 503 naming the reason', async () => {
    const { store } = setup('closed');
    const error = await store.admit(rateOnly).catch((thrown: unknown) => thrown);
    expect(GatewayError.isInstance(error) && error).toMatchObject({
      status: 503,
      code: 'key_state_unavailable',
    });
    expect((error as Error).message).toContain('state.onError is "closed"');
  });

  it('budgets fail closed whatever onError says', async () => {
    const { store } = setup('open');
    const error = await store
      .admit({ ...rateOnly, usage: { ...rateOnly.usage, budgetMicros: 1_000 } })
      .catch((thrown: unknown) => thrown);
    expect(GatewayError.isInstance(error) && error).toMatchObject({
      status: 503,
      code: 'key_state_unavailable',
    });
    expect((error as Error).message).toContain('budget');
  });
});
