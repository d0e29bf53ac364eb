/**
 * GCRA (generic cell rate algorithm), the token bucket kept as one timestamp: the theoretical arrival
 * time (TAT) in integer milliseconds. A bucket of `limit` units per `periodMs` charges `cost` units as
 * `costToMs(cost)` milliseconds; the burst is the whole limit. The Redis script (admit-script.ts) runs
 * the same arithmetic on the server; the milliseconds a cost stands for are always computed here, so
 * both stores round the same way.
 */
export interface GcraBucket {
  limit: number;
  periodMs: number;
}

export interface GcraDecision {
  allowed: boolean;
  /** The TAT to store when allowed (unchanged TAT base otherwise). */
  tat: number;
  /** When refused: how long until this cost would fit. */
  retryAfterMs: number;
  /** Units left after this decision. */
  remaining: number;
  /** Time until the bucket is full again. */
  resetMs: number;
}

/** Milliseconds of bucket time that `units` stand for, rounded up so rounding never admits more than the limit. */
export function gcraCostMs(bucket: GcraBucket, units: number): number {
  return Math.ceil((units * bucket.periodMs) / bucket.limit);
}

/** Whether a cost of `costMs` fits at `now` given the stored `tat` (0 = empty bucket history). */
export function gcraDecide(
  bucket: GcraBucket,
  tat: number,
  now: number,
  costMs: number,
): GcraDecision {
  const base = Math.max(tat, now);
  const next = base + costMs;
  if (next - now > bucket.periodMs) {
    return {
      allowed: false,
      tat: base,
      retryAfterMs: next - bucket.periodMs - now,
      remaining: remainingUnits(bucket, base - now),
      resetMs: base - now,
    };
  }
  return {
    allowed: true,
    tat: next,
    retryAfterMs: 0,
    remaining: remainingUnits(bucket, next - now),
    resetMs: next - now,
  };
}

/** The TAT after moving it by `deltaMs` (negative = refund); a refund never leaves it before `now`. */
export function gcraAdjust(tat: number, now: number, deltaMs: number): number {
  return Math.max(Math.max(tat, now) + deltaMs, now);
}

function remainingUnits(bucket: GcraBucket, usedMs: number): number {
  return Math.max(0, Math.floor(((bucket.periodMs - usedMs) * bucket.limit) / bucket.periodMs));
}
