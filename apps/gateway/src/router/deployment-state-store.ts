/** Why a deployment takes no traffic for now. */
export type CoolReason = 'rate_limited' | 'failing' | 'auth';

export interface Cooling {
  /** Epoch ms at which it may take traffic again (the half-open probe, for `failing` and `auth`). */
  untilMs: number;
  reason: CoolReason;
}

/** The breaker's settings for one group (`router.cooldown`, per group overridable). */
export interface BreakerPolicy {
  failureRatio: number;
  minRequests: number;
  windowSeconds: number;
  baseMs: number;
  maxMs: number;
}

/**
 * Cooldowns, Retry-After deadlines, breaker windows and half-open probes of deployments (ids are
 * `instance/upstream-model`) and their own tpm/rpm buckets. The memory book serves one process; the Redis store shares the same
 * rules across replicas. Methods may answer synchronously (memory) or asynchronously (Redis).
 */
/**
 * One request's claim on a deployment's own limits (`tpm`, `rpm`), as GCRA bucket time: `costMs`
 * of a bucket of `periodMs` (the arithmetic of keys/gcra.ts). A bucket the deployment lacks is absent.
 */
export interface LimitClaim {
  requests?: { periodMs: number; costMs: number };
  tokens?: { periodMs: number; costMs: number };
}

/** What to move a deployment's buckets by after a request (negative = refund). */
export interface LimitAdjustment {
  requestsMs?: number;
  tokensMs?: number;
}

export interface DeploymentStateStore {
  /** The deployments of `ids` that take no traffic now; absent ones may (perhaps as the probe). */
  cooling(ids: readonly string[]): Promise<Map<string, Cooling>> | Map<string, Cooling>;
  /** Claims a send to `id`: undefined when admitted (after a cooldown: as the one half-open probe). */
  admit(id: string): Promise<Cooling | undefined> | Cooling | undefined;
  succeeded(id: string): Promise<void> | void;
  /** A breaker failure; `spare` says another deployment of the group is healthy (else the ratio never opens it). */
  failed(id: string, policy: BreakerPolicy, spare: boolean): Promise<void> | void;
  /** Cools `id` for `ms` (429: exactly its Retry-After); an existing later deadline is kept. */
  cool(id: string, ms: number, reason: CoolReason): Promise<void> | void;
  /**
   * Reserves `claim` on `id`'s buckets, all or none: 0 when reserved, else the milliseconds until
   * it would fit (nothing reserved).
   */
  reserve(id: string, claim: LimitClaim): Promise<number> | number;
  /** Corrects a reservation: the estimate against the real usage, or a refund. */
  adjust(id: string, adjustment: LimitAdjustment): Promise<void> | void;
  close?(): Promise<void>;
}
