import * as z from 'zod';
import { strictMapping } from './strict-mapping.js';

/** `state`: where the router's cooldowns and the keys' limits and counters live, and what happens when Redis cannot be reached. */
export const stateSectionSchema = strictMapping({
  store: z
    .enum(['memory', 'redis'], { error: 'must be "memory" or "redis".' })
    .optional()
    .describe('memory (default, one process) or redis (shared by every replica).'),
  redisUrl: z
    .string({ error: `must be a redis:// or rediss:// URL, or "\${VAR}".` })
    .min(1)
    .optional()
    .describe(
      `redis:// or rediss:// URL, or "\${VAR}" (default MULTI_AI_PROXY_REDIS_URL, else redis://127.0.0.1:6379).`,
    ),
  onError: z
    .enum(['open', 'closed'], { error: 'must be "open" or "closed".' })
    .optional()
    .describe(
      'Redis unreachable: open = rate limits per process (logged once a minute), closed = 503. Budgets always fail closed.',
    ),
})
  .nullish()
  .describe('Shared state of the router and the key limits.');
