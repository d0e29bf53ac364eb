import type { Redis } from 'ioredis';
import { createRedisConnection, waitForRedis } from '../../src/state/create-redis-connection.js';

export const TEST_REDIS_URL = process.env.MULTI_AI_PROXY_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The machine's Redis (never a mock); a missing one fails the suite saying how to start it. */
export async function connectTestRedis(): Promise<Redis> {
  const redis = createRedisConnection({
    url: TEST_REDIS_URL,
    connectTimeoutMs: 2000,
    commandTimeoutMs: 2000,
  });
  if (!(await waitForRedis(redis, 3000))) {
    redis.disconnect();
    throw new Error(
      `No Redis answers at ${TEST_REDIS_URL}. Start one with: redis-server --port 6379 --save "" --appendonly no --daemonize yes (or set MULTI_AI_PROXY_REDIS_URL).`,
    );
  }
  return redis;
}
