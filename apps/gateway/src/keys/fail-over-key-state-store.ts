import type { RedisErrorPolicy } from '../state/redis-error-policy.js';
import type {
  AdmitRequest,
  AdmitResult,
  KeyStateStore,
  SettleRequest,
  UsageCounters,
} from './key-state-store.js';
import { keyStateUnavailableError } from './key-limit-errors.js';

export interface AdmittedBy {
  result: AdmitResult;
  /** The store that holds this admission; settle it there. */
  store: KeyStateStore;
}

/**
 * The Redis store with the state room's failure policy around it (`state.onError`, one warning a
 * minute shared with every other store on the same connection). Budgets fail closed (a 503 naming
 * the reason), since a per-process budget would multiply it by the number of replicas without anyone
 * noticing; rate limits follow `onError`. A settlement or renewal goes to the store that admitted.
 */
export class FailOverKeyStateStore {
  constructor(
    readonly primary: KeyStateStore,
    private readonly fallback: KeyStateStore,
    private readonly policy: Pick<RedisErrorPolicy, 'onError' | 'report'>,
  ) {}

  async admit(request: AdmitRequest): Promise<AdmittedBy> {
    try {
      return { result: await this.primary.admit(request), store: this.primary };
    } catch (error) {
      this.policy.report('key admit', error);
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
      this.policy.report('key settle', error);
    }
  }

  /** Moves a live lease's deadline; a failure is logged (the lease lapses if Redis stays away). */
  async renewLease(
    store: KeyStateStore,
    keyId: string,
    leaseId: string,
    leaseMs: number,
  ): Promise<boolean> {
    try {
      return await store.renewLease(keyId, leaseId, leaseMs);
    } catch (error) {
      this.policy.report('key lease renew', error);
      return false;
    }
  }

  readUsage(keyId: string, periodId: string): Promise<UsageCounters> {
    return this.primary.readUsage(keyId, periodId);
  }

  leasesInUse(keyId: string): Promise<number> {
    return this.primary.leasesInUse(keyId);
  }
}
