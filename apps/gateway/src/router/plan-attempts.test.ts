import { describe, expect, it } from 'vitest';
import { DeploymentLoad } from './deployment-load.js';
import type { Cooling } from './deployment-state-store.js';
import { AttemptPlan, type Deployment, type PlanOptions } from './plan-attempts.js';

const NOW = 1_000_000;
const DEADLINE = NOW + 120_000;
const OPTIONS: PlanOptions = {
  strategy: 'ordered',
  retries: 3,
  backoffMs: [250, 8000],
  maxRetryAfterMs: 20_000,
};
const eu: Deployment = { id: 'azure-eu/gpt-4o', weight: 1 };
const us: Deployment = { id: 'azure-us/gpt-4o', weight: 1 };
const gemini: Deployment = { id: 'google/gemini-2.5-pro', weight: 1 };
const none = new Map<string, Cooling>();

/** A random source that replays `values` (then 0.5), so a test picks exactly. */
const sequence =
  (...values: number[]) =>
  () =>
    values.shift() ?? 0.5;

function send(plan: AttemptPlan, cooling: ReadonlyMap<string, Cooling> = none, now = NOW) {
  const step = plan.next(now, DEADLINE, cooling);
  if (step.kind === 'send') plan.markSent(step.deployment.id);
  return step;
}

describe('AttemptPlan', () => {
  it('tries every untried deployment of the group first, then the fallbacks', () => {
    const plan = new AttemptPlan([[eu, us], [gemini]], OPTIONS, new DeploymentLoad());
    expect(send(plan)).toMatchObject({
      kind: 'send',
      deployment: eu,
      waitMs: 0,
      retry: false,
      fallback: false,
    });
    plan.failed(eu.id, NOW, undefined, false);
    expect(send(plan)).toMatchObject({ deployment: us, waitMs: 0, fallback: false });
    plan.failed(us.id, NOW, undefined, false);
    expect(send(plan)).toMatchObject({ deployment: gemini, waitMs: 0, fallback: true });
  });

  it('skips cooling deployments and goes to a fallback without waiting', () => {
    const plan = new AttemptPlan([[eu, us], [gemini]], OPTIONS, new DeploymentLoad());
    const cooling = new Map<string, Cooling>([
      [eu.id, { untilMs: NOW + 5000, reason: 'rate_limited' }],
    ]);
    expect(send(plan, cooling)).toMatchObject({ deployment: us });
    plan.failed(us.id, NOW, undefined, false);
    expect(send(plan, cooling)).toMatchObject({ deployment: gemini, fallback: true });
  });

  it('retries the same deployment only after max(Retry-After, backoff)', () => {
    const plan = new AttemptPlan([[eu]], OPTIONS, new DeploymentLoad(), sequence(0.5));
    send(plan);
    plan.failed(eu.id, NOW, 2000, true);
    // backoff = 0.5 × 250 = 125 < Retry-After 2000.
    expect(plan.next(NOW, DEADLINE, none)).toMatchObject({
      kind: 'send',
      deployment: eu,
      waitMs: 2000,
      retry: true,
    });
    const noRetryAfter = new AttemptPlan([[eu]], OPTIONS, new DeploymentLoad(), sequence(0.5));
    send(noRetryAfter);
    noRetryAfter.failed(eu.id, NOW, undefined, false);
    expect(noRetryAfter.next(NOW, DEADLINE, none)).toMatchObject({ waitMs: 125, retry: true });
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs or the deadline: the plan is exhausted', () => {
    const plan = new AttemptPlan([[eu, us]], OPTIONS, new DeploymentLoad());
    send(plan);
    plan.failed(eu.id, NOW, 30_000, true);
    send(plan);
    plan.failed(us.id, NOW, 25_000, true);
    const cooling = new Map<string, Cooling>([
      [eu.id, { untilMs: NOW + 30_000, reason: 'rate_limited' }],
      [us.id, { untilMs: NOW + 25_000, reason: 'rate_limited' }],
    ]);
    expect(plan.next(NOW, DEADLINE, cooling)).toEqual({
      kind: 'exhausted',
      reopensAtMs: NOW + 25_000,
      allRateLimited: true,
      allCooling: true,
    });
    const tight = new AttemptPlan([[eu]], OPTIONS, new DeploymentLoad());
    const soon = new Map<string, Cooling>([[eu.id, { untilMs: NOW + 3000, reason: 'failing' }]]);
    expect(tight.next(NOW, NOW + 2000, soon)).toMatchObject({
      kind: 'exhausted',
      allRateLimited: false,
      allCooling: true,
    });
    expect(tight.next(NOW, DEADLINE, soon)).toMatchObject({
      kind: 'send',
      deployment: eu,
      waitMs: 3000,
      retry: false,
    });
  });

  it('stops after `retries` further attempts', () => {
    const plan = new AttemptPlan(
      [[eu, us], [gemini]],
      { ...OPTIONS, retries: 1 },
      new DeploymentLoad(),
    );
    send(plan);
    plan.failed(eu.id, NOW, undefined, false);
    send(plan);
    plan.failed(us.id, NOW, undefined, false);
    expect(plan.next(NOW, DEADLINE, none)).toMatchObject({
      kind: 'exhausted',
      allCooling: false,
      allRateLimited: false,
    });
  });

  it('balanced: of two weighted draws, the one with less latency × in-flight wins', () => {
    let now = NOW;
    const load = new DeploymentLoad(() => now);
    load.observe(eu.id, 900);
    load.observe(us.id, 100);
    // First draw lands on eu (0.1 × total weight 2 < 1), second on us: us is faster.
    const plan = new AttemptPlan(
      [[eu, us]],
      { ...OPTIONS, strategy: 'balanced' },
      load,
      sequence(0.1, 0.1),
    );
    expect(send(plan)).toMatchObject({ deployment: us });
    // Eight requests in flight on us make it worse: 101 × 9 = 909 against 901 × 1.
    for (let i = 0; i < 8; i += 1) load.start(us.id);
    now += 1;
    const busy = new AttemptPlan(
      [[eu, us]],
      { ...OPTIONS, strategy: 'balanced' },
      load,
      sequence(0.1, 0.1),
    );
    expect(send(busy)).toMatchObject({ deployment: eu });
  });

  it('balanced and random honour the weights', () => {
    const heavy: Deployment = { id: 'azure-eu/gpt-4o', weight: 3 };
    const counts = new Map<string, number>();
    let seed = 0;
    const random = () => {
      seed = (seed + 0.137) % 1;
      return seed;
    };
    for (let i = 0; i < 400; i += 1) {
      const plan = new AttemptPlan(
        [[heavy, us]],
        { ...OPTIONS, strategy: 'random' },
        new DeploymentLoad(),
        random,
      );
      const step = plan.next(NOW, DEADLINE, none);
      if (step.kind === 'send')
        counts.set(step.deployment.id, (counts.get(step.deployment.id) ?? 0) + 1);
    }
    expect(counts.get(heavy.id)).toBeGreaterThan(270);
    expect(counts.get(heavy.id)).toBeLessThan(330);
  });

  it('decays an old latency sample', () => {
    let now = NOW;
    const load = new DeploymentLoad(() => now);
    load.observe(eu.id, 1000);
    now += 60_000;
    load.observe(eu.id, 100);
    expect(load.score(eu.id, 1)).toBeLessThan(110);
  });
});
