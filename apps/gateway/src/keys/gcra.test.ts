import { describe, expect, it } from 'vitest';
import { gcraAdjust, gcraCostMs, gcraDecide } from './gcra.js';

const rpm3 = { limit: 3, periodMs: 60_000 };

describe('GCRA', () => {
  it('admits a burst of the whole limit, then refuses with the exact wait for the next unit', () => {
    const now = 1_000_000;
    let tat = 0;
    const cost = gcraCostMs(rpm3, 1);
    expect(cost).toBe(20_000);
    for (const remaining of [2, 1, 0]) {
      const decision = gcraDecide(rpm3, tat, now, cost);
      expect(decision).toMatchObject({ allowed: true, remaining });
      tat = decision.tat;
    }
    const refused = gcraDecide(rpm3, tat, now, cost);
    expect(refused).toMatchObject({
      allowed: false,
      retryAfterMs: 20_000,
      remaining: 0,
      resetMs: 60_000,
    });
    // Exactly at the advertised time, one unit fits again; a millisecond earlier it does not.
    expect(gcraDecide(rpm3, tat, now + 19_999, cost).allowed).toBe(false);
    expect(gcraDecide(rpm3, tat, now + 20_000, cost).allowed).toBe(true);
  });

  it('charges variable costs and refunds the difference, never before now', () => {
    const tpm = { limit: 1_000, periodMs: 60_000 };
    const now = 5_000_000;
    const reserve = gcraDecide(tpm, 0, now, gcraCostMs(tpm, 800));
    expect(reserve).toMatchObject({ allowed: true, remaining: 200 });
    // 300 more do not fit while 800 are reserved…
    expect(gcraDecide(tpm, reserve.tat, now, gcraCostMs(tpm, 300)).allowed).toBe(false);
    // …but after the answer reports 100 actual tokens (refund 700), they do.
    const refunded = gcraAdjust(reserve.tat, now, gcraCostMs(tpm, 100) - gcraCostMs(tpm, 800));
    expect(gcraDecide(tpm, refunded, now, gcraCostMs(tpm, 300))).toMatchObject({
      allowed: true,
      remaining: 600,
    });
    // A refund larger than what is held leaves a full bucket, not credit.
    expect(gcraAdjust(reserve.tat, now, -10 * 60_000)).toBe(now);
  });

  it('never admits a cost above the limit, however long the bucket rested', () => {
    const tpm = { limit: 1_000, periodMs: 60_000 };
    expect(gcraDecide(tpm, 0, 10 ** 12, gcraCostMs(tpm, 1_001)).allowed).toBe(false);
    expect(gcraDecide(tpm, 0, 10 ** 12, gcraCostMs(tpm, 1_000)).allowed).toBe(true);
  });

  it('rounds costs up so that rounding never lets more than the limit through', () => {
    const tpm = { limit: 200_000, periodMs: 60_000 };
    expect(gcraCostMs(tpm, 1)).toBe(1);
    expect(gcraCostMs(tpm, 1_000)).toBe(300);
    expect(gcraCostMs(tpm, 1_001)).toBe(301);
  });
});
