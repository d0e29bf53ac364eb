/** Why an admission was refused. */
export type AdmitRefusal = 'budget' | 'parallel' | 'requests' | 'tokens';

/** One request's claim on every bucket of a key, checked and reserved all-or-nothing. */
export interface AdmitRequest {
  keyId: string;
  /** RPM bucket: cost 1 request = `costMs`. */
  requests?: { limit: number; periodMs: number; costMs: number };
  /** TPM bucket: the estimate's `costMs`. */
  tokens?: { limit: number; periodMs: number; costMs: number };
  /** maxParallel lease, held until `settle` or `leaseMs` after admission. */
  lease?: { max: number; id: string; leaseMs: number };
  /** Usage counters of the current period; `budgetMicros` set = the budget is checked against them. */
  usage: { periodId: string; expireAtMs: number; estimateMicros: number; budgetMicros?: number };
}

export interface BucketState {
  remaining: number;
  resetMs: number;
}

export type AdmitResult =
  | { allowed: true; nowMs: number; requests?: BucketState; tokens?: BucketState }
  | {
      allowed: false;
      nowMs: number;
      refusal: AdmitRefusal;
      retryAfterMs: number;
      requests?: BucketState;
      tokens?: BucketState;
    };

/** What a finished request changes: the TPM correction, the lease, the usage counters. */
export interface SettleRequest {
  keyId: string;
  /** Milliseconds to move the TPM bucket by (actual − estimate; negative = refund). */
  tokensDeltaMs?: number;
  leaseId?: string;
  usage: {
    periodId: string;
    expireAtMs: number;
    prompt: number;
    completion: number;
    cached: number;
    reasoning: number;
    /** Actual cost − the estimate reserved at admission (micro-USD). */
    costDeltaMicros: number;
    /** A model answered with tokens but has no price (its cost counted 0). */
    unpricedModel?: string;
  };
}

/** A key's counters in one period, as the admin routes show them. */
export interface UsageCounters {
  requests: number;
  prompt: number;
  completion: number;
  cached: number;
  reasoning: number;
  costMicros: number;
  /** Models that answered with tokens but have no price, with how many requests each. */
  unpriced: Record<string, number>;
}

/**
 * Where key limits and counters live: per process (memory) or shared by every replica (Redis). Both
 * run the same algorithms: GCRA for RPM/TPM, a lease set with deadlines for maxParallel, integer
 * micro-USD counters per calendar period for budgets.
 */
export interface KeyStateStore {
  readonly kind: 'memory' | 'redis';
  admit(request: AdmitRequest): Promise<AdmitResult>;
  settle(request: SettleRequest): Promise<void>;
  /** Moves a live lease's deadline to `leaseMs` from now; false when it is gone (settled or lapsed). */
  renewLease(keyId: string, leaseId: string, leaseMs: number): Promise<boolean>;
  readUsage(keyId: string, periodId: string): Promise<UsageCounters>;
  /** Leases not yet released nor expired. */
  leasesInUse(keyId: string): Promise<number>;
  close(): Promise<void>;
}
