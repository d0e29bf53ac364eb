import type { Redis } from 'ioredis';
import { DeploymentHealth } from '../router/deployment-health.js';
import type {
  BreakerPolicy,
  CoolReason,
  Cooling,
  DeploymentStateStore,
  LimitAdjustment,
  LimitClaim,
} from '../router/deployment-state-store.js';
import { ADJUST_LIMITS_LUA, RESERVE_LIMITS_LUA } from './deployment-limit-scripts.js';
import {
  ADMIT_LUA,
  COOL_LUA,
  COOLING_LUA,
  FAILED_LUA,
  SUCCEEDED_LUA,
} from './deployment-state-scripts.js';
import type { RedisErrorPolicy } from './redis-error-policy.js';
import { REDIS_KEY_PREFIX, redisKey } from './redis-key.js';

const COMMANDS = {
  mpxDepCooling: COOLING_LUA,
  mpxDepAdmit: ADMIT_LUA,
  mpxDepSucceeded: SUCCEEDED_LUA,
  mpxDepFailed: FAILED_LUA,
  mpxDepCool: COOL_LUA,
  mpxDepReserve: RESERVE_LIMITS_LUA,
  mpxDepAdjust: ADJUST_LIMITS_LUA,
} as const;
type Command = keyof typeof COMMANDS;
type Scripted = Record<Command, (...args: (string | number)[]) => Promise<unknown>>;
const KEY_COUNT: Record<Command, number> = {
  mpxDepCooling: 1,
  mpxDepAdmit: 1,
  mpxDepSucceeded: 2,
  mpxDepFailed: 2,
  mpxDepCool: 1,
  mpxDepReserve: 2,
  mpxDepAdjust: 2,
};

// Matches DeploymentHealth: how long a half-open probe holds a deployment.
const PROBE_LEASE_MS = 30_000;
// How long a state outlives its deadline: long enough to remember the number of openings.
const STATE_TTL_MS = 15 * 60_000;
// The bound on a stale cooling read: another replica's cooldown reaches this one within it.
const COOLING_MEMO_MS = 1000;

interface Memo {
  cooling: Cooling | undefined;
  /** Local time after which the memo is read again from Redis. */
  expiresAt: number;
}

export interface RedisDeploymentStateStoreOptions {
  redis: Redis;
  errors: RedisErrorPolicy;
  prefix?: string;
  /** Breaker window length (s), for the expiry of the window keys of successes. */
  windowSeconds?: number;
  /** Tests only: their own clock instead of the server's `TIME` (never set in production). */
  testClock?: () => number;
  /** The local clock of the cooling memo (tests drive it). */
  localClock?: () => number;
}

/**
 * Deployment health shared by every replica through Redis: cooldowns, Retry-After deadlines,
 * breaker windows and the half-open probe, each changed by one Lua script on the server's clock.
 * Deployments' own tpm/rpm buckets are Lua too. Cooling reads are memoised per deployment for
 * at most a second (the hot path makes one Redis round trip per request, the admission, instead
 * of two); this process's own writes of a cooldown drop the memo at once.
 * When Redis fails, the error policy decides: the process's memory book (`open`) or a 503.
 */
export class RedisDeploymentStateStore implements DeploymentStateStore {
  private readonly redis: Scripted & Redis;
  private readonly prefix: string;
  private readonly memory = new DeploymentHealth();
  private readonly time: () => number;
  private readonly windowSeconds: number;
  private readonly localNow: () => number;
  private readonly memo = new Map<string, Memo>();

  constructor(private readonly options: RedisDeploymentStateStoreOptions) {
    const redis = options.redis;
    for (const [name, lua] of Object.entries(COMMANDS)) {
      if (!(name in redis))
        redis.defineCommand(name, { numberOfKeys: KEY_COUNT[name as Command], lua });
    }
    this.redis = redis as Scripted & Redis;
    this.prefix = options.prefix ?? REDIS_KEY_PREFIX;
    this.time = options.testClock ?? (() => 0);
    this.windowSeconds = options.windowSeconds ?? 60;
    this.localNow = options.localClock ?? options.testClock ?? Date.now;
  }

  cooling(ids: readonly string[]): Promise<Map<string, Cooling>> | Map<string, Cooling> {
    const now = this.localNow();
    const cooling = new Map<string, Cooling>();
    let stale: string[] | undefined;
    for (const id of ids) {
      const memo = this.memo.get(id);
      if (memo === undefined || memo.expiresAt <= now) {
        stale ??= [];
        stale.push(id);
      } else if (memo.cooling !== undefined) cooling.set(id, memo.cooling);
    }
    if (stale === undefined) return cooling;
    const read = stale;
    return this.options.errors.run(
      'deployment cooling',
      async () => {
        const pipeline = this.redis.pipeline() as unknown as Scripted & {
          exec(): Promise<[Error | null, unknown][] | null>;
        };
        for (const id of read) void pipeline.mpxDepCooling(this.state(id), this.time());
        const answers = (await pipeline.exec()) ?? [];
        const readAt = this.localNow();
        for (const [index, [error, answer]] of answers.entries()) {
          if (error) throw error;
          const id = read[index] as string;
          const cool = toCooling(answer);
          this.remember(id, cool, readAt);
          if (cool !== undefined) cooling.set(id, cool);
        }
        return cooling;
      },
      () => this.memory.cooling(ids),
    );
  }
  admit(id: string): Promise<Cooling | undefined> {
    return this.options.errors.run(
      'deployment admit',
      async () => {
        const refused = toCooling(
          await this.redis.mpxDepAdmit(this.state(id), this.time(), PROBE_LEASE_MS, STATE_TTL_MS),
        );
        // A memo that let this request through was stale: remember the refusal instead.
        if (refused !== undefined) this.remember(id, refused, this.localNow());
        return refused;
      },
      () => this.memory.admit(id),
    );
  }

  async succeeded(id: string): Promise<void> {
    // A success may close a half-open deployment; a healthy memo stays right.
    if (this.memo.get(id)?.cooling !== undefined) this.memo.delete(id);
    await this.options.errors.run(
      'deployment success',
      async () => {
        await this.redis.mpxDepSucceeded(
          this.state(id),
          this.window(id),
          this.time(),
          this.windowSeconds,
          STATE_TTL_MS,
        );
      },
      () => this.memory.succeeded(id),
    );
  }

  async failed(id: string, policy: BreakerPolicy, spare: boolean): Promise<void> {
    this.memo.delete(id);
    await this.options.errors.run(
      'deployment failure',
      async () => {
        await this.redis.mpxDepFailed(
          this.state(id),
          this.window(id),
          this.time(),
          policy.windowSeconds,
          STATE_TTL_MS,
          policy.minRequests,
          policy.failureRatio,
          policy.baseMs,
          policy.maxMs,
          spare ? 1 : 0,
        );
      },
      () => this.memory.failed(id, policy, spare),
    );
  }

  async cool(id: string, ms: number, reason: CoolReason): Promise<void> {
    this.memo.delete(id);
    await this.options.errors.run(
      'deployment cooldown',
      async () => {
        await this.redis.mpxDepCool(
          this.state(id),
          this.time(),
          Math.max(0, Math.ceil(ms)),
          reason,
          STATE_TTL_MS,
        );
      },
      () => this.memory.cool(id, ms, reason),
    );
  }

  reserve(id: string, claim: LimitClaim): Promise<number> {
    return this.options.errors.run(
      'deployment limits',
      async () =>
        Number(
          await this.redis.mpxDepReserve(
            this.bucket(id, 'rpm'),
            this.bucket(id, 'tpm'),
            this.time(),
            claim.requests?.periodMs ?? 0,
            claim.requests?.costMs ?? 0,
            claim.tokens?.periodMs ?? 0,
            claim.tokens?.costMs ?? 0,
          ),
        ),
      () => this.memory.reserve(id, claim),
    );
  }
  async adjust(id: string, adjustment: LimitAdjustment): Promise<void> {
    await this.options.errors.run(
      'deployment limits',
      async () => {
        await this.redis.mpxDepAdjust(
          this.bucket(id, 'rpm'),
          this.bucket(id, 'tpm'),
          this.time(),
          Math.round(adjustment.requestsMs ?? 0),
          Math.round(adjustment.tokensMs ?? 0),
        );
      },
      () => this.memory.adjust(id, adjustment),
    );
  }
  /** Until the cooldown ends or a second has passed, whichever is first. */
  private remember(id: string, cooling: Cooling | undefined, readAt: number): void {
    const expiresAt = Math.min(
      readAt + COOLING_MEMO_MS,
      cooling?.untilMs ?? Number.POSITIVE_INFINITY,
    );
    this.memo.set(id, { cooling, expiresAt });
  }
  private bucket(id: string, part: 'rpm' | 'tpm'): string {
    return redisKey(this.prefix, 'dep', id, part);
  }
  private state(id: string): string {
    return redisKey(this.prefix, 'dep', id, 'state');
  }

  private window(id: string): string {
    return redisKey(this.prefix, 'dep', id, 'window');
  }
}

function toCooling(answer: unknown): Cooling | undefined {
  if (!Array.isArray(answer)) return undefined;
  return { untilMs: Number(answer[0]), reason: String(answer[1]) as CoolReason };
}
