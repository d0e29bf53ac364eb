import type {
  BreakerPolicy,
  CoolReason,
  Cooling,
  DeploymentStateStore,
  LimitAdjustment,
  LimitClaim,
} from './deployment-state-store.js';
import { DeploymentLimitBook } from './deployment-limit-book.js';

interface Entry {
  untilMs: number;
  reason: CoolReason;
  /** After `untilMs`, one probe decides (breaker and auth cooldowns; a Retry-After simply ends). */
  halfOpen: boolean;
  /** While the probe is out, until this time nobody else is sent. */
  probeUntilMs: number;
  /** Consecutive openings: the next one lasts baseMs · 2^opens, up to maxMs. */
  opens: number;
  /** Sliding window: second → [requests, failures]. */
  seconds: Map<number, [number, number]>;
}

// How long a half-open probe holds the deployment before another request may probe it.
const PROBE_LEASE_MS = 30_000;

/**
 * The memory book of deployment health for one process: a sliding failure window per deployment,
 * open for baseMs doubling to maxMs, a deadline never shortened, one half-open probe, and exact
 * Retry-After cooldowns that are not failures; deployments' own tpm/rpm in its limit book. `now` is
 * injected so tests drive time.
 */
export class DeploymentHealth implements DeploymentStateStore {
  private readonly entries = new Map<string, Entry>();
  private readonly limits: DeploymentLimitBook;

  constructor(private readonly now: () => number = Date.now) {
    this.limits = new DeploymentLimitBook(now);
  }

  reserve(id: string, claim: LimitClaim): number {
    return this.limits.reserve(id, claim);
  }

  adjust(id: string, adjustment: LimitAdjustment): void {
    this.limits.adjust(id, adjustment);
  }

  cooling(ids: readonly string[]): Map<string, Cooling> {
    const now = this.now();
    const cooling = new Map<string, Cooling>();
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry === undefined) continue;
      if (entry.untilMs > now) cooling.set(id, { untilMs: entry.untilMs, reason: entry.reason });
      else if (entry.halfOpen && entry.probeUntilMs > now)
        cooling.set(id, { untilMs: entry.probeUntilMs, reason: entry.reason });
    }
    return cooling;
  }

  admit(id: string): Cooling | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    const now = this.now();
    if (entry.untilMs > now) return { untilMs: entry.untilMs, reason: entry.reason };
    if (!entry.halfOpen) return undefined;
    if (entry.probeUntilMs > now) return { untilMs: entry.probeUntilMs, reason: entry.reason };
    entry.probeUntilMs = now + PROBE_LEASE_MS;
    return undefined;
  }

  succeeded(id: string): void {
    const entry = this.entryOf(id);
    this.count(entry, false);
    if (entry.halfOpen && entry.untilMs <= this.now()) {
      entry.halfOpen = false;
      entry.probeUntilMs = 0;
      entry.opens = 0;
    }
  }

  failed(id: string, policy: BreakerPolicy, spare: boolean): void {
    const entry = this.entryOf(id);
    const now = this.now();
    this.count(entry, true, policy.windowSeconds);
    // The probe failed: open again, for twice as long.
    if (entry.halfOpen && entry.probeUntilMs > 0 && entry.untilMs <= now) {
      this.open(entry, policy, now);
      return;
    }
    if (!spare || entry.untilMs > now) return;
    let requests = 0;
    let failures = 0;
    for (const [total, failed] of entry.seconds.values()) {
      requests += total;
      failures += failed;
    }
    if (requests >= policy.minRequests && failures / requests >= policy.failureRatio)
      this.open(entry, policy, now);
  }

  cool(id: string, ms: number, reason: CoolReason): void {
    const entry = this.entryOf(id);
    const until = this.now() + ms;
    if (until > entry.untilMs) {
      entry.untilMs = until;
      entry.reason = reason;
    }
    if (reason === 'auth') {
      entry.halfOpen = true;
      entry.probeUntilMs = 0;
    }
  }

  private open(entry: Entry, policy: BreakerPolicy, now: number): void {
    const duration = Math.min(policy.maxMs, policy.baseMs * 2 ** entry.opens);
    entry.opens += 1;
    if (now + duration > entry.untilMs) {
      entry.untilMs = now + duration;
      entry.reason = 'failing';
    }
    entry.halfOpen = true;
    entry.probeUntilMs = 0;
    entry.seconds.clear();
  }

  private count(entry: Entry, failed: boolean, windowSeconds = 60): void {
    const second = Math.floor(this.now() / 1000);
    for (const key of entry.seconds.keys())
      if (key <= second - windowSeconds) entry.seconds.delete(key);
    const bucket = entry.seconds.get(second);
    if (bucket === undefined) entry.seconds.set(second, [1, failed ? 1 : 0]);
    else {
      bucket[0] += 1;
      if (failed) bucket[1] += 1;
    }
  }

  private entryOf(id: string): Entry {
    let entry = this.entries.get(id);
    if (entry === undefined) {
      entry = {
        untilMs: 0,
        reason: 'failing',
        halfOpen: false,
        probeUntilMs: 0,
        opens: 0,
        seconds: new Map(),
      };
      this.entries.set(id, entry);
    }
    return entry;
  }
}
