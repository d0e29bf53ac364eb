import { expect, it } from 'vitest';
import { gcraCostMs } from './gcra.js';
import type { AdmitRequest, KeyStateStore, SettleRequest } from './key-state-store.js';

const MINUTE = 60_000;
const usage = (
  periodId: string,
  extra: Partial<AdmitRequest['usage']> = {},
): AdmitRequest['usage'] => ({
  periodId,
  expireAtMs: Date.now() + 3_600_000,
  estimateMicros: 0,
  ...extra,
});
const settleUsage = (
  periodId: string,
  extra: Partial<SettleRequest['usage']> = {},
): SettleRequest['usage'] => ({
  periodId,
  expireAtMs: Date.now() + 3_600_000,
  prompt: 0,
  completion: 0,
  cached: 0,
  reasoning: 0,
  costDeltaMicros: 0,
  ...extra,
});

/**
 * The behaviour both stores must share, run against the memory store and against the real Redis.
 * Periods are a minute long, so nothing refills while a test runs. `expireLease` makes a lease's
 * deadline pass (a killed gateway's), the one place the two stores differ.
 */
export function keyStateStoreContract(
  open: () => {
    store: KeyStateStore;
    keyId: () => string;
    expireLeases: (keyId: string) => Promise<void>;
  },
) {
  const tokens = (limit: number, units: number) => ({
    limit,
    periodMs: MINUTE,
    costMs: gcraCostMs({ limit, periodMs: MINUTE }, units),
  });
  const requests = (limit: number) => ({
    limit,
    periodMs: MINUTE,
    costMs: gcraCostMs({ limit, periodMs: MINUTE }, 1),
  });

  it('admits all buckets or none: a request refused on tokens consumes no request', async () => {
    const { store, keyId } = open();
    const id = keyId();
    const first = await store.admit({
      keyId: id,
      requests: requests(10),
      tokens: tokens(1_000, 900),
      usage: usage('p'),
    });
    expect(first).toMatchObject({
      allowed: true,
      requests: { remaining: 9 },
      tokens: { remaining: 100 },
    });
    const refused = await store.admit({
      keyId: id,
      requests: requests(10),
      tokens: tokens(1_000, 200),
      usage: usage('p'),
    });
    expect(refused).toMatchObject({
      allowed: false,
      refusal: 'tokens',
      requests: { remaining: 8 },
      tokens: { remaining: 100 },
    });
    // The exact wait: 100 tokens must drain at 60 ms each, less the milliseconds since the first admission.
    if (refused.allowed) return;
    expect(refused.retryAfterMs).toBeGreaterThan(5_900);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(6_000);
    const next = await store.admit({
      keyId: id,
      requests: requests(10),
      tokens: tokens(1_000, 100),
      usage: usage('p'),
    });
    expect(next).toMatchObject({
      allowed: true,
      requests: { remaining: 8 },
      tokens: { remaining: 0 },
    });
    expect(await store.readUsage(id, 'p')).toMatchObject({ requests: 2 });
  });

  it('refuses the request over the RPM limit with the time until one more fits', async () => {
    const { store, keyId } = open();
    const id = keyId();
    for (let index = 0; index < 3; index++)
      expect(
        (await store.admit({ keyId: id, requests: requests(3), usage: usage('p') })).allowed,
      ).toBe(true);
    const refused = await store.admit({ keyId: id, requests: requests(3), usage: usage('p') });
    expect(refused).toMatchObject({
      allowed: false,
      refusal: 'requests',
      requests: { remaining: 0 },
    });
    if (refused.allowed) return;
    expect(refused.retryAfterMs).toBeGreaterThan(19_900);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(20_000);
  });

  it('refunds the difference between estimate and actual tokens at settle', async () => {
    const { store, keyId } = open();
    const id = keyId();
    expect(
      (await store.admit({ keyId: id, tokens: tokens(1_000, 1_000), usage: usage('p') })).allowed,
    ).toBe(true);
    expect(
      (await store.admit({ keyId: id, tokens: tokens(1_000, 500), usage: usage('p') })).allowed,
    ).toBe(false);
    await store.settle({
      keyId: id,
      tokensDeltaMs:
        gcraCostMs({ limit: 1_000, periodMs: MINUTE }, 300) -
        gcraCostMs({ limit: 1_000, periodMs: MINUTE }, 1_000),
      usage: settleUsage('p', { prompt: 200, completion: 100 }),
    });
    const after = await store.admit({ keyId: id, tokens: tokens(1_000, 500), usage: usage('p') });
    expect(after).toMatchObject({ allowed: true });
    if (after.allowed) expect(after.tokens?.remaining).toBeGreaterThanOrEqual(199);
    expect(await store.readUsage(id, 'p')).toMatchObject({
      requests: 2,
      prompt: 200,
      completion: 100,
    });
  });

  it('holds maxParallel leases until settled, and frees those whose deadline passed', async () => {
    const { store, keyId, expireLeases } = open();
    const id = keyId();
    const lease = (leaseId: string) => ({ max: 2, id: leaseId, leaseMs: MINUTE });
    expect((await store.admit({ keyId: id, lease: lease('a'), usage: usage('p') })).allowed).toBe(
      true,
    );
    expect((await store.admit({ keyId: id, lease: lease('b'), usage: usage('p') })).allowed).toBe(
      true,
    );
    const refused = await store.admit({
      keyId: id,
      requests: requests(100),
      lease: lease('c'),
      usage: usage('p'),
    });
    expect(refused).toMatchObject({ allowed: false, refusal: 'parallel', retryAfterMs: 1_000 });
    expect(await store.leasesInUse(id)).toBe(2);
    await store.settle({ keyId: id, leaseId: 'a', usage: settleUsage('p') });
    expect(await store.leasesInUse(id)).toBe(1);
    expect((await store.admit({ keyId: id, lease: lease('c'), usage: usage('p') })).allowed).toBe(
      true,
    );
    // A gateway killed mid-request never settles: its leases go when their deadline passes.
    await expireLeases(id);
    expect(await store.leasesInUse(id)).toBe(0);
    expect((await store.admit({ keyId: id, lease: lease('d'), usage: usage('p') })).allowed).toBe(
      true,
    );
    expect((await store.admit({ keyId: id, lease: lease('e'), usage: usage('p') })).allowed).toBe(
      true,
    );
  });

  it('renews a live lease, never one that was settled or lapsed (its slot may be taken)', async () => {
    const { store, keyId, expireLeases } = open();
    const id = keyId();
    const lease = (leaseId: string) => ({ max: 1, id: leaseId, leaseMs: MINUTE });
    expect((await store.admit({ keyId: id, lease: lease('a'), usage: usage('p') })).allowed).toBe(
      true,
    );
    expect(await store.renewLease(id, 'a', MINUTE)).toBe(true);
    expect(await store.renewLease(id, 'nobody', MINUTE)).toBe(false);
    expect(await store.leasesInUse(id)).toBe(1);
    // A killed gateway stops renewing: the deadline passes, and a late renewal does not revive it.
    await expireLeases(id);
    expect(await store.renewLease(id, 'a', MINUTE)).toBe(false);
    expect(await store.leasesInUse(id)).toBe(0);
    expect((await store.admit({ keyId: id, lease: lease('b'), usage: usage('p') })).allowed).toBe(
      true,
    );
    await store.settle({ keyId: id, leaseId: 'b', usage: settleUsage('p') });
    expect(await store.renewLease(id, 'b', MINUTE)).toBe(false);
    expect(await store.leasesInUse(id)).toBe(0);
  });

  it('reserves the estimated cost against the budget and settles the real cost', async () => {
    const { store, keyId } = open();
    const id = keyId();
    const budget = (estimateMicros: number) =>
      usage('2026-03', { estimateMicros, budgetMicros: 1_000 });
    expect((await store.admit({ keyId: id, usage: budget(600) })).allowed).toBe(true);
    const refused = await store.admit({ keyId: id, requests: requests(10), usage: budget(600) });
    expect(refused).toMatchObject({ allowed: false, refusal: 'budget' });
    // The refused request reserved nothing: no request counted, no cost.
    expect(await store.readUsage(id, '2026-03')).toMatchObject({ requests: 1, costMicros: 600 });
    await store.settle({
      keyId: id,
      usage: settleUsage('2026-03', {
        prompt: 10,
        completion: 5,
        cached: 2,
        reasoning: 1,
        costDeltaMicros: -400,
        unpricedModel: undefined,
      }),
    });
    expect((await store.admit({ keyId: id, usage: budget(600) })).allowed).toBe(true);
    expect((await store.admit({ keyId: id, usage: budget(201) })).allowed).toBe(false);
    expect(await store.readUsage(id, '2026-03')).toEqual({
      requests: 2,
      prompt: 10,
      completion: 5,
      cached: 2,
      reasoning: 1,
      costMicros: 800,
      unpriced: {},
    });
    // Another period is another budget.
    expect(
      (await store.admit({ keyId: id, usage: { ...budget(600), periodId: '2026-04' } })).allowed,
    ).toBe(true);
  });

  it('counts answers from models without a price', async () => {
    const { store, keyId } = open();
    const id = keyId();
    await store.settle({
      keyId: id,
      usage: settleUsage('p', { prompt: 3, unpricedModel: 'my-model' }),
    });
    await store.settle({
      keyId: id,
      usage: settleUsage('p', { prompt: 4, unpricedModel: 'my-model' }),
    });
    expect(await store.readUsage(id, 'p')).toMatchObject({
      prompt: 7,
      unpriced: { 'my-model': 2 },
    });
  });
}
