import { GatewayError } from '@multi-ai-proxy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FailOverKeyStateStore } from './fail-over-key-state-store.js';
import { KeyAdmission } from './key-admission.js';
import type { GatewayKey } from './key-directory.js';
import type { KeyConfig } from './keys-settings.js';
import { MemoryKeyStateStore } from './memory-key-state-store.js';
import { createPriceTable } from './price-table.js';
import { RedisErrorPolicy } from '../state/redis-error-policy.js';

const NOW = Date.parse('2026-03-31T23:59:00Z');

function setup(limits: Partial<KeyConfig>) {
  let now = NOW;
  const memory = new MemoryKeyStateStore(() => now);
  const store = new FailOverKeyStateStore(memory, memory, new RedisErrorPolicy('open', () => {}));
  const admission = new KeyAdmission(
    store,
    createPriceTable(new Map([['priced', { input: 1, output: 2 }]])),
    { leaseMs: 60_000, clock: () => now },
  );
  const config: KeyConfig = {
    id: 'team',
    digest: Buffer.alloc(32),
    models: undefined,
    rpm: undefined,
    tpm: undefined,
    maxParallel: undefined,
    budget: undefined,
    ...limits,
  };
  const key: GatewayKey = { id: 'team', config };
  const admit = (body: Record<string, unknown>, bodyBytes = 400) =>
    admission.admit({ key, body, bodyBytes, producesCompletion: true, priceModels: ['priced'] });
  return { memory, admit, advance: (ms: number) => (now += ms) };
}

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!GatewayError.isInstance(error))
    throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('KeyAdmission', () => {
  it('answers 400, not an eternal 429, when the estimate alone exceeds the TPM capacity', async () => {
    const { admit } = setup({ tpm: 1_000 });
    // 400 bytes ≈ 100 prompt tokens + max_tokens 901 = 1001 > 1000.
    const error = await refusal(admit({ max_tokens: 901 }));
    expect(error).toMatchObject({
      status: 400,
      code: 'tokens_exceed_rate_limit',
      param: 'max_tokens',
    });
    expect(error.message).toContain('1001 tokens');
    await expect(admit({ max_tokens: 900 })).resolves.toBeDefined();
  });

  it('reserves the estimate, then refunds to the reported usage', async () => {
    const { admit } = setup({ tpm: 1_000, rpm: 100 });
    const ticket = await admit({ max_completion_tokens: 700 });
    expect(ticket.headers).toMatchObject({
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '200',
      'x-ratelimit-limit-requests': '100',
      'x-ratelimit-remaining-requests': '99',
    });
    const refused = await refusal(admit({ max_tokens: 300 }));
    expect(refused).toMatchObject({ status: 429, type: 'tokens', code: 'rate_limit_exceeded' });
    expect(refused.headers).toMatchObject({
      'retry-after': '12',
      'retry-after-ms': '12000',
      'x-ratelimit-remaining-tokens': '200',
    });
    ticket.recordUsage({ prompt: 50, completion: 50, cached: 0, reasoning: 0 });
    await ticket.settle();
    expect((await admit({ max_tokens: 300 })).headers['x-ratelimit-remaining-tokens']).toBe('500');
  });

  it('charges nothing for a request that failed before answering, and the estimate when usage never came', async () => {
    const { admit, memory } = setup({ tpm: 1_000, budget: { usd: 1, period: 'month' } });
    const failed = await admit({ max_tokens: 100 });
    failed.failed = true;
    await failed.settle();
    const silent = await admit({ max_tokens: 100 });
    await silent.settle();
    // Estimate: 100 prompt × $1/1M + 100 completion × $2/1M = 300 micro-USD; the failed one refunded.
    expect(await memory.readUsage('team', '2026-03')).toMatchObject({
      requests: 2,
      costMicros: 300,
      prompt: 0,
    });
    expect(silent.costUsd).toBe(0.0003);
  });

  it('refuses a spent budget as insufficient_quota, retry-after at the next UTC period, not retried by SDKs', async () => {
    const { admit } = setup({ budget: { usd: 0.001, period: 'month' } });
    const ticket = await admit({ max_tokens: 100 });
    ticket.recordUsage({ prompt: 500, completion: 300, cached: 0, reasoning: 0 });
    await ticket.settle();
    const error = await refusal(admit({ max_tokens: 100 }));
    expect(error).toMatchObject({
      status: 429,
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    });
    // 23:59 on 31 March → 1 April 00:00 UTC.
    expect(error.headers).toMatchObject({ 'retry-after': '60', 'x-should-retry': 'false' });
  });

  it('limits requests in flight and frees the slot at settle', async () => {
    const { admit } = setup({ maxParallel: 1 });
    const first = await admit({ max_tokens: 1 });
    const error = await refusal(admit({ max_tokens: 1 }));
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect(error.message).toContain('requests in flight');
    await first.settle();
    await first.settle();
    await expect(admit({ max_tokens: 1 })).resolves.toBeDefined();
  });

  describe('lease renewal (fake clock)', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    function renewing() {
      vi.useFakeTimers({ now: NOW });
      const memory = new MemoryKeyStateStore(() => Date.now());
      const admission = new KeyAdmission(
        new FailOverKeyStateStore(memory, memory, new RedisErrorPolicy('open', () => {})),
        createPriceTable(new Map()),
        { leaseMs: 60_000, renewEveryMs: 20_000, clock: () => Date.now() },
      );
      const config: KeyConfig = {
        id: 'streams',
        digest: Buffer.alloc(32),
        models: undefined,
        rpm: undefined,
        tpm: undefined,
        maxParallel: 1,
        budget: undefined,
      };
      const admit = () =>
        admission.admit({
          key: { id: 'streams', config },
          body: { max_tokens: 10 },
          bodyBytes: 40,
          producesCompletion: true,
          priceModels: [],
        });
      return { memory, admit };
    }

    it('a 30-minute stream keeps its slot: the lease is renewed while it is open, and no longer once settled', async () => {
      const { memory, admit } = renewing();
      const stream = await admit();
      // Thirty minutes, far past the 60 s lease: the renewals keep it.
      await vi.advanceTimersByTimeAsync(30 * 60_000);
      expect(await memory.leasesInUse('streams')).toBe(1);
      const refused = await refusal(admit());
      expect(refused.message).toContain('requests in flight');
      await stream.settle();
      expect(vi.getTimerCount()).toBe(0);
      expect(await memory.leasesInUse('streams')).toBe(0);
      await expect(admit()).resolves.toBeDefined();
    });

    it('a lease nobody renews (a killed gateway) lapses at its deadline', async () => {
      const { memory, admit } = renewing();
      await admit();
      // What a killed process leaves: no timer renews the lease any more.
      vi.clearAllTimers();
      await vi.advanceTimersByTimeAsync(59_000);
      expect(await memory.leasesInUse('streams')).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await memory.leasesInUse('streams')).toBe(0);
      await expect(admit()).resolves.toBeDefined();
    });
  });
});
