import type { Redis } from 'ioredis';
import { REDIS_KEY_PREFIX, redisKey } from '../state/redis-key.js';
import { ADMIT_SCRIPT } from './admit-script.js';
import type {
  AdmitRefusal,
  AdmitRequest,
  AdmitResult,
  BucketState,
  KeyStateStore,
  SettleRequest,
  UsageCounters,
} from './key-state-store.js';
import { emptyCounters } from './memory-key-state-store.js';
import { RENEW_LEASE_SCRIPT } from './renew-lease-script.js';
import { SETTLE_SCRIPT } from './settle-script.js';

type Reply = [number, number, string, number, number, number, number, number];

interface ScriptCommands {
  mpxKeysAdmit(...args: Array<string | number>): Promise<Reply>;
  mpxKeysSettle(...args: Array<string | number>): Promise<number>;
  mpxKeysRenewLease(...args: Array<string | number>): Promise<number>;
}

/**
 * Key state shared by every replica: each admission and each settlement is one Lua script call
 * (EVALSHA through ioredis' defineCommand) under the key's hash tag. Nothing is read locally to
 * admit. The connection is the state room's one (`state/create-redis-connection.ts`: connect and
 * command timeouts, offline queue off), so a Redis outage fails a call quickly instead of holding
 * the request; this store never closes it.
 */
export class RedisKeyStateStore implements KeyStateStore {
  readonly kind = 'redis' as const;
  private readonly commands: ScriptCommands;

  constructor(
    private readonly redis: Redis,
    /** Prefix of every key name (`mpx:`; tests use one per run). */
    private readonly prefix = REDIS_KEY_PREFIX,
  ) {
    redis.defineCommand('mpxKeysAdmit', { numberOfKeys: 4, lua: ADMIT_SCRIPT });
    redis.defineCommand('mpxKeysSettle', { numberOfKeys: 3, lua: SETTLE_SCRIPT });
    redis.defineCommand('mpxKeysRenewLease', { numberOfKeys: 1, lua: RENEW_LEASE_SCRIPT });
    this.commands = redis as unknown as ScriptCommands;
  }

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    const keys = this.keysOf(request.keyId);
    const reply = await this.commands.mpxKeysAdmit(
      keys.requests,
      keys.tokens,
      keys.leases,
      keys.usage(request.usage.periodId),
      request.requests?.limit ?? 0,
      request.requests?.periodMs ?? 0,
      request.requests?.costMs ?? 0,
      request.tokens?.limit ?? 0,
      request.tokens?.periodMs ?? 0,
      request.tokens?.costMs ?? 0,
      request.lease?.max ?? 0,
      request.lease?.id ?? '',
      request.lease?.leaseMs ?? 0,
      request.usage.estimateMicros,
      request.usage.budgetMicros ?? -1,
      Math.floor(request.usage.expireAtMs),
    );
    const [
      allowed,
      nowMs,
      refusal,
      retryAfterMs,
      requestsRemaining,
      requestsResetMs,
      tokensRemaining,
      tokensResetMs,
    ] = reply;
    const states = {
      requests:
        request.requests === undefined
          ? undefined
          : ({ remaining: requestsRemaining, resetMs: requestsResetMs } satisfies BucketState),
      tokens:
        request.tokens === undefined
          ? undefined
          : ({ remaining: tokensRemaining, resetMs: tokensResetMs } satisfies BucketState),
    };
    if (allowed === 1) return { allowed: true, nowMs, ...states };
    return { allowed: false, nowMs, refusal: refusal as AdmitRefusal, retryAfterMs, ...states };
  }

  async settle(request: SettleRequest): Promise<void> {
    const keys = this.keysOf(request.keyId);
    const usage = request.usage;
    await this.commands.mpxKeysSettle(
      keys.tokens,
      keys.leases,
      keys.usage(usage.periodId),
      request.tokensDeltaMs ?? 0,
      request.leaseId ?? '',
      usage.prompt,
      usage.completion,
      usage.cached,
      usage.reasoning,
      usage.costDeltaMicros,
      Math.floor(usage.expireAtMs),
      usage.unpricedModel ?? '',
    );
  }

  async renewLease(keyId: string, leaseId: string, leaseMs: number): Promise<boolean> {
    return (
      (await this.commands.mpxKeysRenewLease(this.keysOf(keyId).leases, leaseId, leaseMs)) === 1
    );
  }

  async readUsage(keyId: string, periodId: string): Promise<UsageCounters> {
    const fields = await this.redis.hgetall(this.keysOf(keyId).usage(periodId));
    const counters = emptyCounters();
    for (const [field, value] of Object.entries(fields)) {
      const amount = Number(value);
      if (field.startsWith('unpriced:'))
        counters.unpriced[field.slice('unpriced:'.length)] = amount;
      else if (field in counters && field !== 'unpriced')
        (counters as unknown as Record<string, number>)[field] = amount;
    }
    return counters;
  }

  async leasesInUse(keyId: string): Promise<number> {
    const [seconds, micros] = await this.redis.time();
    return this.redis.zcount(
      this.keysOf(keyId).leases,
      `(${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)}`,
      '+inf',
    );
  }

  /** The connection is the state room's, closed once at shutdown. */
  async close(): Promise<void> {}

  private keysOf(keyId: string) {
    const key = (part: string) => redisKey(this.prefix, 'k', keyId, part);
    return {
      requests: key('rpm'),
      tokens: key('tpm'),
      leases: key('lease'),
      usage: (periodId: string) => key(`use:${periodId}`),
    };
  }
}
