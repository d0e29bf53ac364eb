import type { Redis } from 'ioredis';
import { DeploymentHealth } from '../router/deployment-health.js';
import type {
  BreakerPolicy,
  CoolReason,
  Cooling,
  DeploymentStateStore,
} from '../router/deployment-state-store.js';
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
} as const;
type Command = keyof typeof COMMANDS;
type Scripted = Record<Command, (...args: (string | number)[]) => Promise<unknown>>;
const KEY_COUNT: Record<Command, number> = {
  mpxDepCooling: 1,
  mpxDepAdmit: 1,
  mpxDepSucceeded: 2,
  mpxDepFailed: 2,
  mpxDepCool: 1,
};

// Matches DeploymentHealth: how long a half-open probe holds a deployment.
const PROBE_LEASE_MS = 30_000;
// How long a state outlives its deadline: long enough to remember the number of openings.
const STATE_TTL_MS = 15 * 60_000;

export interface RedisDeploymentStateStoreOptions {
  redis: Redis;
  errors: RedisErrorPolicy;
  prefix?: string;
  /** Breaker window length (s), for the expiry of the window keys of successes. */
  windowSeconds?: number;
  /** Tests only: their own clock instead of the server's `TIME` (never set in production). */
  testClock?: () => number;
}

/**
 * Deployment health shared by every replica through Redis: cooldowns, Retry-After deadlines,
 * breaker windows and the half-open probe, each changed by one Lua script on the server's clock.
 * When Redis fails, the error policy decides: the process's memory book (`open`) or a 503.
 */
export class RedisDeploymentStateStore implements DeploymentStateStore {
  private readonly redis: Scripted & Redis;
  private readonly prefix: string;
  private readonly memory = new DeploymentHealth();
  private readonly time: () => number;
  private readonly windowSeconds: number;

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
  }

  cooling(ids: readonly string[]): Promise<Map<string, Cooling>> {
    return this.options.errors.run(
      'deployment cooling',
      async () => {
        const pipeline = this.redis.pipeline() as unknown as Scripted & {
          exec(): Promise<[Error | null, unknown][] | null>;
        };
        for (const id of ids) void pipeline.mpxDepCooling(this.state(id), this.time());
        const answers = (await pipeline.exec()) ?? [];
        const cooling = new Map<string, Cooling>();
        for (const [index, [error, answer]] of answers.entries()) {
          if (error) throw error;
          const cool = toCooling(answer);
          if (cool !== undefined) cooling.set(ids[index] as string, cool);
        }
        return cooling;
      },
      () => this.memory.cooling(ids),
    );
  }

  admit(id: string): Promise<Cooling | undefined> {
    return this.options.errors.run(
      'deployment admit',
      async () =>
        toCooling(
          await this.redis.mpxDepAdmit(this.state(id), this.time(), PROBE_LEASE_MS, STATE_TTL_MS),
        ),
      () => this.memory.admit(id),
    );
  }

  async succeeded(id: string): Promise<void> {
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
