import * as z from 'zod';
import { strictMapping } from './strict-mapping.js';

/** `state`: where cooldowns and breaker windows live (one process's memory, or Redis shared by replicas). */
export const stateSectionSchema = strictMapping({
  store: z.enum(['memory', 'redis'], { error: 'must be memory or redis.' }).optional().describe('memory (default, one process) | redis (shared by every replica).'),
  redisUrl: z
    .string({ error: 'must be a redis:// or rediss:// URL.' })
    .regex(/^rediss?:\/\//, { error: 'must be a redis:// or rediss:// URL.' })
    .optional()
    .describe('Redis URL (default MULTI_AI_PROXY_REDIS_URL, else redis://127.0.0.1:6379).'),
  onError: z.enum(['open', 'closed'], { error: 'must be open or closed.' }).optional().describe("When Redis is unreachable: open (serve from this process's memory) | closed (503)."),
})
  .nullish()
  .describe('Cross-request state of the router.');
