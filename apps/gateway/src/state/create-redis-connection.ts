import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/**
 * The one Redis connection of a gateway process, shared by every Redis store (deployment state,
 * gateway keys). Commands never queue while disconnected and each has a timeout, so a request
 * never waits on a Redis that is gone; reconnection goes on in the background.
 */
export function createRedisConnection(options: RedisConnectionOptions): Redis {
  const redis = new Redis(options.url, {
    connectTimeout: options.connectTimeoutMs ?? 1000,
    commandTimeout: options.commandTimeoutMs ?? 500,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    lazyConnect: false,
  });
  // Failures surface on the commands (and through the error policy); an unhandled 'error' event would crash.
  redis.on('error', () => {});
  return redis;
}

/** Resolves once connected, or after `timeoutMs` (false): startup waits for Redis, never forever. */
export function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
