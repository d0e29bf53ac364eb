import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StateSettings } from '../config/gateway-settings.js';
import { RedisErrorPolicy } from './redis-error-policy.js';

/** The process's one Redis connection and the one error policy every Redis-backed store shares. */
export interface StateConnection {
  redis: Redis;
  errors: RedisErrorPolicy;
  close(): Promise<void>;
}

// Startup waits this long for Redis; after it the error policy decides, reconnection goes on.
const STARTUP_WAIT_MS = 2000;

/**
 * Opens the connection `state.store: redis` names (undefined for the memory store), once per process:
 * the router's deployment state and the gateway keys both take it, so a process holds one socket
 * to Redis and logs one outage warning a minute, whatever store hit it.
 */
export async function openStateConnection(
  settings: StateSettings,
  logger: Logger,
): Promise<StateConnection | undefined> {
  if (settings.store === 'memory') return undefined;
  // ioredis (~14 MB of RSS) is loaded only by a gateway that uses Redis.
  const { createRedisConnection, waitForRedis } = await import('./create-redis-connection.js');
  const redis = createRedisConnection({ url: settings.redisUrl });
  const connected = await waitForRedis(redis, STARTUP_WAIT_MS);
  // The URL may carry a password: log only where it points.
  const where = new URL(settings.redisUrl).host;
  if (!connected)
    logger.warn(
      { redis: where, onError: settings.onError },
      'redis not reachable at startup: the error policy applies until it is',
    );
  else logger.info({ redis: where }, 'shared state in redis');
  return {
    redis,
    errors: new RedisErrorPolicy(settings.onError, (fields, message) =>
      logger.warn(fields, message),
    ),
    close: async () => void (await redis.quit().catch(() => redis.disconnect())),
  };
}
