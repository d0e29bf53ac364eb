import { type GcraBucket, gcraAdjust, gcraDecide } from './gcra.js';
import type {
  AdmitRefusal,
  AdmitRequest,
  AdmitResult,
  BucketState,
  KeyStateStore,
  SettleRequest,
  UsageCounters,
} from './key-state-store.js';

interface KeyCells {
  requestsTat: number;
  tokensTat: number;
  /** Lease id → deadline (ms). */
  leases: Map<string, number>;
  /** Period id → counters, dropped once past their expiry. */
  usage: Map<string, UsageCounters & { expireAtMs: number }>;
}

// A refused parallel slot has no known release time: the client is told to try again in a second.
const PARALLEL_RETRY_MS = 1_000;

/**
 * The key state of one process: the same algorithms as the Redis store (GCRA, leases with deadlines,
 * period counters), on plain maps. Single-threaded JavaScript makes each call atomic. `clock` is
 * injectable so tests move time without waiting.
 */
export class MemoryKeyStateStore implements KeyStateStore {
  readonly kind = 'memory' as const;
  private readonly cells = new Map<string, KeyCells>();

  constructor(private readonly clock: () => number = Date.now) {}

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    return this.admitNow(request);
  }

  /** Synchronous admission (the bench measures it without the promise). */
  admitNow(request: AdmitRequest): AdmitResult {
    const now = Math.floor(this.clock());
    const cells = this.cellsOf(request.keyId);
    const refusals: Array<[AdmitRefusal, number]> = [];
    const usage = this.usageOf(cells, request.usage.periodId, request.usage.expireAtMs, now);
    if (
      request.usage.budgetMicros !== undefined &&
      usage.costMicros + request.usage.estimateMicros > request.usage.budgetMicros
    )
      refusals.push(['budget', 0]);
    if (request.lease !== undefined) {
      for (const [id, deadline] of cells.leases) if (deadline <= now) cells.leases.delete(id);
      if (cells.leases.size >= request.lease.max) refusals.push(['parallel', PARALLEL_RETRY_MS]);
    }
    const requests =
      request.requests === undefined
        ? undefined
        : gcraDecide(
            request.requests as GcraBucket,
            cells.requestsTat,
            now,
            request.requests.costMs,
          );
    if (requests !== undefined && !requests.allowed)
      refusals.push(['requests', requests.retryAfterMs]);
    const tokens =
      request.tokens === undefined
        ? undefined
        : gcraDecide(request.tokens as GcraBucket, cells.tokensTat, now, request.tokens.costMs);
    if (tokens !== undefined && !tokens.allowed) refusals.push(['tokens', tokens.retryAfterMs]);
    const states = { requests: bucketState(requests), tokens: bucketState(tokens) };
    if (refusals.length > 0) {
      return {
        allowed: false,
        nowMs: now,
        refusal: (refusals[0] as [AdmitRefusal, number])[0],
        retryAfterMs: Math.max(...refusals.map(([, ms]) => ms)),
        ...states,
      };
    }
    if (requests !== undefined) cells.requestsTat = requests.tat;
    if (tokens !== undefined) cells.tokensTat = tokens.tat;
    if (request.lease !== undefined)
      cells.leases.set(request.lease.id, now + request.lease.leaseMs);
    usage.requests += 1;
    usage.costMicros += request.usage.estimateMicros;
    return { allowed: true, nowMs: now, ...states };
  }

  async settle(request: SettleRequest): Promise<void> {
    this.settleNow(request);
  }

  settleNow(request: SettleRequest): void {
    const now = Math.floor(this.clock());
    const cells = this.cellsOf(request.keyId);
    if (request.tokensDeltaMs !== undefined && request.tokensDeltaMs !== 0)
      cells.tokensTat = gcraAdjust(cells.tokensTat, now, request.tokensDeltaMs);
    if (request.leaseId !== undefined) cells.leases.delete(request.leaseId);
    const { periodId, expireAtMs, unpricedModel, costDeltaMicros, ...tokens } = request.usage;
    const usage = this.usageOf(cells, periodId, expireAtMs, now);
    usage.prompt += tokens.prompt;
    usage.completion += tokens.completion;
    usage.cached += tokens.cached;
    usage.reasoning += tokens.reasoning;
    usage.costMicros += costDeltaMicros;
    if (unpricedModel !== undefined)
      usage.unpriced[unpricedModel] = (usage.unpriced[unpricedModel] ?? 0) + 1;
  }

  async renewLease(keyId: string, leaseId: string, leaseMs: number): Promise<boolean> {
    const now = Math.floor(this.clock());
    const leases = this.cells.get(keyId)?.leases;
    const deadline = leases?.get(leaseId);
    // A lapsed lease is not revived: its slot may already be someone else's.
    if (leases === undefined || deadline === undefined || deadline <= now) return false;
    leases.set(leaseId, now + leaseMs);
    return true;
  }

  async readUsage(keyId: string, periodId: string): Promise<UsageCounters> {
    const found = this.cells.get(keyId)?.usage.get(periodId);
    if (found === undefined || found.expireAtMs <= this.clock()) return emptyCounters();
    const { expireAtMs: _expiry, ...counters } = found;
    return { ...counters, unpriced: { ...counters.unpriced } };
  }

  async leasesInUse(keyId: string): Promise<number> {
    const now = this.clock();
    let live = 0;
    for (const deadline of this.cells.get(keyId)?.leases.values() ?? [])
      if (deadline > now) live += 1;
    return live;
  }

  async close(): Promise<void> {}

  private cellsOf(keyId: string): KeyCells {
    let cells = this.cells.get(keyId);
    if (cells === undefined) {
      cells = { requestsTat: 0, tokensTat: 0, leases: new Map(), usage: new Map() };
      this.cells.set(keyId, cells);
    }
    return cells;
  }

  private usageOf(
    cells: KeyCells,
    periodId: string,
    expireAtMs: number,
    now: number,
  ): UsageCounters & { expireAtMs: number } {
    let usage = cells.usage.get(periodId);
    if (usage === undefined || usage.expireAtMs <= now) {
      for (const [id, old] of cells.usage) if (old.expireAtMs <= now) cells.usage.delete(id);
      usage = { ...emptyCounters(), expireAtMs };
      cells.usage.set(periodId, usage);
    }
    return usage;
  }
}

function bucketState(
  decision: { remaining: number; resetMs: number } | undefined,
): BucketState | undefined {
  return decision === undefined
    ? undefined
    : { remaining: decision.remaining, resetMs: decision.resetMs };
}

export function emptyCounters(): UsageCounters {
  return {
    requests: 0,
    prompt: 0,
    completion: 0,
    cached: 0,
    reasoning: 0,
    costMicros: 0,
    unpriced: {},
  };
}
