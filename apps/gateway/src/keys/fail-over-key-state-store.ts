import type { Logger } from 'pino';
import type {
  AdmitRequest,
  AdmitResult,
  KeyStateStore,
  SettleRequest,
  UsageCounters,
} from './key-state-store.js';
import { keyStateUnavailableError } from './key-limit-errors.js';

/** What to do when Redis fails: `open` = per-process memory for rate limits, `closed` = 503. */
export interface KeyStatePolicy {
  onError: 'open' | 'closed';
  logger: Pick<Logger, 'warn'>;
  /** Logging of the same failure is limited to one line per this interval. */
  logIntervalMs?: number;
  clock?: () => number;
}

export interface AdmittedBy {
  result: AdmitResult;
  /** The store that holds this admission; settle it there. */
  store: KeyStateStore;
}

/**
 * The Redis store with the failure policy around it. Budgets fail closed (a 503 naming the reason),
 * since a per-process budget would multiply it by the number of replicas without anyone noticing;
 * rate limits follow `onError`. A settlement goes to the store that admitted the request.
 */
export class FailOverKeyStateStore {
  private lastLoggedAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    readonly primary: KeyStateStore,
    private readonly fallback: KeyStateStore,
    private readonly policy: KeyStatePolicy,
  ) {}

  async admit(request: AdmitRequest): Promise<AdmittedBy> {
    try {
      return { result: await this.primary.admit(request), store: this.primary };
    } catch (error) {
      this.report(error, 'admit');
      if (request.usage.budgetMicros !== undefined)
        throw keyStateUnavailableError(
          'the budget store (Redis) is unreachable, and budgets are never checked per process',
        );
      if (this.policy.onError === 'closed')
        throw keyStateUnavailableError(
          'the rate-limit store (Redis) is unreachable and state.onError is "closed"',
        );
      return { result: await this.fallback.admit(request), store: this.fallback };
    }
  }

  async settle(store: KeyStateStore, request: SettleRequest): Promise<void> {
    try {
      await store.settle(request);
    } catch (error) {
      // The lease expires at its deadline and the TPM correction is lost: the estimate stays charged.
      this.report(error, 'settle');
    }
  }

  readUsage(keyId: string, periodId: string): Promise<UsageCounters> {
    return this.primary.readUsage(keyId, periodId);
  }

  leasesInUse(keyId: string): Promise<number> {
    return this.primary.leasesInUse(keyId);
  }

  private report(error: unknown, operation: string): void {
    const now = (this.policy.clock ?? Date.now)();
    if (now - this.lastLoggedAt < (this.policy.logIntervalMs ?? 60_000)) {
      this.suppressed += 1;
      return;
    }
    this.policy.logger.warn(
      {
        operation,
        error: { name: (error as Error)?.name, message: (error as Error)?.message },
        suppressedSinceLast: this.suppressed,
        onError: this.policy.onError,
      },
      'key state store unreachable',
    );
    this.lastLoggedAt = now;
    this.suppressed = 0;
  }
}
