import type { Logger } from 'pino';
import type { StateSettings } from '../config/gateway-settings.js';
import { DeploymentHealth } from '../router/deployment-health.js';
import type { DeploymentStateStore } from '../router/deployment-state-store.js';
import { RedisDeploymentStateStore } from './redis-deployment-state-store.js';
import { RedisErrorPolicy } from './redis-error-policy.js';

// Startup waits this long for Redis; after it the error policy decides, reconnection goes on.
const STARTUP_WAIT_MS = 2000;

/** The store `state.store` names: this process's memory (default) or Redis shared by replicas. */
export async function createDeploymentStateStore(
  settings: StateSettings,
  logger: Logger,
): Promise<DeploymentStateStore> {
  if (settings.store === 'memory') return new DeploymentHealth();
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
  else logger.info({ redis: where }, 'router state in redis');
  const store = new RedisDeploymentStateStore({
    redis,
    errors: new RedisErrorPolicy(settings.onError, (fields, message) =>
      logger.warn(fields, message),
    ),
  });
  return Object.assign(store, {
    close: async () => void (await redis.quit().catch(() => redis.disconnect())),
  });
}
