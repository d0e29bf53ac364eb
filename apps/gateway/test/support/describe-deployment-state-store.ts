import { beforeEach, describe, expect, it } from 'vitest';
import type {
  BreakerPolicy,
  DeploymentStateStore,
  LimitClaim,
} from '../../src/router/deployment-state-store.js';

// rpm 3 (one request = 20 s of a minute), tpm 1000 (600 tokens = 36 s).
const RPM_3 = { periodMs: 60_000, costMs: 20_000 };
const TOKENS_600 = { periodMs: 60_000, costMs: 36_000 };
const claim = (parts: LimitClaim) => parts;

export const POLICY: BreakerPolicy = {
  failureRatio: 0.5,
  minRequests: 4,
  windowSeconds: 60,
  baseMs: 5000,
  maxMs: 20_000,
};

/** A store under test and the clock it reads: `advance` moves that clock forward. */
export interface StoreHarness {
  store: DeploymentStateStore;
  advance(ms: number): Promise<void> | void;
}

/** The rules every DeploymentStateStore keeps, run against the memory book and the Redis store. */
export function describeDeploymentStateStore(
  name: string,
  create: () => Promise<StoreHarness> | StoreHarness,
): void {
  describe(`${name} (DeploymentStateStore contract)`, () => {
    let harness: StoreHarness;
    let store: DeploymentStateStore;
    beforeEach(async () => {
      harness = await create();
      store = harness.store;
    });

    it('cools for exactly the Retry-After, not counting it as a failure, then takes full traffic', async () => {
      await store.cool('a/m', 2000, 'rate_limited');
      expect((await store.cooling(['a/m', 'b/m'])).get('a/m')).toMatchObject({
        reason: 'rate_limited',
      });
      expect(await store.admit('a/m')).toMatchObject({ reason: 'rate_limited' });
      await harness.advance(1999);
      expect(await store.admit('a/m')).toBeDefined();
      await harness.advance(1);
      expect(await store.admit('a/m')).toBeUndefined();
      expect(await store.admit('a/m')).toBeUndefined();
    });

    it('never shortens an existing deadline', async () => {
      await store.cool('a/m', 10_000, 'rate_limited');
      await store.cool('a/m', 1000, 'rate_limited');
      await harness.advance(5000);
      expect(await store.admit('a/m')).toBeDefined();
    });

    it('opens on the failure ratio after minRequests, lets one probe through, and doubles on a failed probe', async () => {
      await store.succeeded('a/m');
      await store.failed('a/m', POLICY, true);
      await store.failed('a/m', POLICY, true);
      expect(await store.admit('a/m')).toBeUndefined();
      await store.failed('a/m', POLICY, true);
      const open = await store.admit('a/m');
      expect(open).toMatchObject({ reason: 'failing' });
      await harness.advance(5000);
      expect(await store.admit('a/m')).toBeUndefined();
      // The probe is out: nobody else goes.
      expect(await store.admit('a/m')).toBeDefined();
      await store.failed('a/m', POLICY, true);
      await harness.advance(9999);
      expect(await store.admit('a/m')).toBeDefined();
      await harness.advance(1);
      expect(await store.admit('a/m')).toBeUndefined();
      await store.succeeded('a/m');
      expect(await store.admit('a/m')).toBeUndefined();
      expect(await store.admit('a/m')).toBeUndefined();
      expect((await store.cooling(['a/m'])).size).toBe(0);
    });

    it('caps the opening at maxMs', async () => {
      for (let open = 0; open < 4; open += 1) {
        for (let i = 0; i < 4; i += 1) await store.failed('a/m', POLICY, true);
        await harness.advance(POLICY.maxMs);
        expect(await store.admit('a/m')).toBeUndefined();
      }
      await store.failed('a/m', POLICY, true);
      await harness.advance(POLICY.maxMs - 1);
      expect(await store.admit('a/m')).toBeDefined();
      await harness.advance(1);
      expect(await store.admit('a/m')).toBeUndefined();
    });

    it('never opens the last healthy deployment on the ratio alone', async () => {
      for (let i = 0; i < 10; i += 1) await store.failed('a/m', POLICY, false);
      expect(await store.admit('a/m')).toBeUndefined();
    });

    it('forgets failures older than the window', async () => {
      for (let i = 0; i < 3; i += 1) await store.failed('a/m', POLICY, true);
      await harness.advance(61_000);
      await store.failed('a/m', POLICY, true);
      expect(await store.admit('a/m')).toBeUndefined();
    });

    it('cools a refused key and then probes it once', async () => {
      await store.cool('a/m', 60_000, 'auth');
      expect(await store.admit('a/m')).toMatchObject({ reason: 'auth' });
      await harness.advance(60_000);
      expect(await store.admit('a/m')).toBeUndefined();
      expect(await store.admit('a/m')).toMatchObject({ reason: 'auth' });
    });

    it('reserves a deployment’s rpm and says how long until the next request fits', async () => {
      for (let i = 0; i < 3; i += 1)
        expect(await store.reserve('a/m', { requests: RPM_3 })).toBe(0);
      expect(await store.reserve('a/m', { requests: RPM_3 })).toBe(20_000);
      expect(await store.reserve('b/m', { requests: RPM_3 })).toBe(0);
      await harness.advance(19_999);
      expect(await store.reserve('a/m', { requests: RPM_3 })).toBe(1);
      await harness.advance(1);
      expect(await store.reserve('a/m', { requests: RPM_3 })).toBe(0);
    });

    it('reserves the token estimate on the tpm, corrects it by the real usage, and reserves all or nothing', async () => {
      expect(await store.reserve('a/m', claim({ requests: RPM_3, tokens: TOKENS_600 }))).toBe(0);
      // The second estimate does not fit, and its request is not counted either.
      expect(await store.reserve('a/m', claim({ requests: RPM_3, tokens: TOKENS_600 }))).toBe(
        12_000,
      );
      // The first answer used 100 tokens (6 s): 30 s come back, the second fits.
      await store.adjust('a/m', { tokensMs: 6_000 - 36_000 });
      expect(await store.reserve('a/m', claim({ requests: RPM_3, tokens: TOKENS_600 }))).toBe(0);
      expect(await store.reserve('a/m', { requests: RPM_3 })).toBe(0);
      expect(await store.reserve('a/m', { requests: RPM_3 })).toBe(20_000);
      // A refund never leaves credit beyond an idle bucket.
      await store.adjust('a/m', { tokensMs: -600_000, requestsMs: -600_000 });
      for (let i = 0; i < 3; i += 1)
        expect(await store.reserve('a/m', { requests: RPM_3 })).toBe(0);
      expect(await store.reserve('a/m', { requests: RPM_3 })).toBe(20_000);
    });
  });
}
