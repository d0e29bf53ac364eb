import * as z from 'zod';
import { strictMapping } from './strict-mapping.js';

/** `state`: where limits and counters live, and what happens when Redis cannot be reached. */
export const stateSectionSchema = strictMapping({
  store: z.enum(['memory', 'redis'], { error: 'must be "memory" or "redis".' }).optional().describe('memory (default, one process) or redis (shared by every replica).'),
  redisUrl: z.string({ error: `must be a redis:// or rediss:// URL, or "\${VAR}".` }).min(1).optional().describe(`redis:// or rediss:// URL, or "\${VAR}".`),
  onError: z
    .enum(['open', 'closed'], { error: 'must be "open" or "closed".' })
    .optional()
    .describe('Redis unreachable: open = rate limits per process (logged once a minute), closed = 503. Budgets always fail closed.'),
})
  .nullish()
  .describe('Shared state of key limits and counters.');
