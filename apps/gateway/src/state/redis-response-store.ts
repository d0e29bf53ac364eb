import type { Redis } from 'ioredis';
import type { MemoryResponseStore } from './memory-response-store.js';
import { REDIS_KEY_PREFIX, redisKey } from './redis-key.js';
import type { RedisErrorPolicy } from './redis-error-policy.js';
import type { ResponseStore, StoredResponse } from './response-store.js';

export interface RedisResponseStoreOptions {
  redis: Redis;
  errors: RedisErrorPolicy;
  ttlSeconds: number;
  maxResponseBytes: number;
  /** Serves while Redis is unreachable and the policy is `open` (this process's responses only). */
  fallback: MemoryResponseStore;
  prefix?: string;
}

/**
 * Responses shared by every replica: one string key per record,
 * `mpx:{resp:<owner>:<id>}:record`, written with `SET … EX` so every key expires. Redis bounds its
 * own memory (`maxmemory`); the gateway refuses records above `maxResponseBytes`.
 */
export class RedisResponseStore implements ResponseStore {
  private readonly prefix: string;

  constructor(private readonly options: RedisResponseStoreOptions) {
    this.prefix = options.prefix ?? REDIS_KEY_PREFIX;
  }

  save(owner: string, record: StoredResponse): Promise<boolean> {
    const json = JSON.stringify(record);
    if (Buffer.byteLength(json) > this.options.maxResponseBytes) return Promise.resolve(false);
    return this.options.errors.run(
      'response store save',
      async () => {
        await this.options.redis.set(
          this.key(owner, record.response.id),
          json,
          'EX',
          this.options.ttlSeconds,
        );
        return true;
      },
      () => this.options.fallback.saveNow(owner, record),
    );
  }

  get(owner: string, responseId: string): Promise<StoredResponse | undefined> {
    return this.options.errors.run(
      'response store get',
      async () => {
        const json = await this.options.redis.get(this.key(owner, responseId));
        return json === null ? undefined : (JSON.parse(json) as StoredResponse);
      },
      () => this.options.fallback.getNow(owner, responseId),
    );
  }

  delete(owner: string, responseId: string): Promise<boolean> {
    return this.options.errors.run(
      'response store delete',
      async () => (await this.options.redis.del(this.key(owner, responseId))) > 0,
      () => this.options.fallback.deleteNow(owner, responseId),
    );
  }

  private key(owner: string, responseId: string): string {
    return redisKey(this.prefix, 'resp', `${owner}:${responseId}`, 'record');
  }
}
