import type { Logger } from 'pino';
import type { ResponseStoreSettings, StateSettings } from '../config/gateway-settings.js';
import { createRedisConnection, waitForRedis } from './create-redis-connection.js';
import { MemoryResponseStore } from './memory-response-store.js';
import { RedisErrorPolicy } from './redis-error-policy.js';
import { RedisResponseStore } from './redis-response-store.js';
import type { ResponseStore } from './response-store.js';

// Startup waits this long for Redis; after it the error policy decides, reconnection goes on.
const STARTUP_WAIT_MS = 2000;

/**
 * The response store `responses.store` asks for, in the backend `state.store` names; undefined when
 * the store is off (the stateless default). Redis gets a connection of its own from the state
 * room's factory, closed by the store's `close()`.
 */
export async function createResponseStore(
  settings: ResponseStoreSettings,
  state: StateSettings,
  logger: Logger,
): Promise<ResponseStore | undefined> {
  if (!settings.enabled) return undefined;
  const memory = new MemoryResponseStore({
    ttlMs: settings.ttlSeconds * 1000,
    maxEntries: settings.maxEntries,
    maxBytes: settings.maxBytes,
    maxResponseBytes: settings.maxResponseBytes,
  });
  if (state.store === 'memory') return memory;
  const redis = createRedisConnection({ url: state.redisUrl });
  const where = new URL(state.redisUrl).host;
  if (!(await waitForRedis(redis, STARTUP_WAIT_MS)))
    logger.warn(
      { redis: where, onError: state.onError },
      'redis not reachable at startup: the error policy applies to the response store until it is',
    );
  const store = new RedisResponseStore({
    redis,
    errors: new RedisErrorPolicy(state.onError, (fields, message) => logger.warn(fields, message)),
    ttlSeconds: settings.ttlSeconds,
    maxResponseBytes: settings.maxResponseBytes,
    fallback: memory,
  });
  return Object.assign(store, {
    close: async () => void (await redis.quit().catch(() => redis.disconnect())),
  });
}
