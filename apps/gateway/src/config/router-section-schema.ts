import * as z from 'zod';
import { strictMapping } from './strict-mapping.js';

// Node's timers hold at most 2^31-1 ms.
const MAX_MS = 2_147_483_647;
const ms = (what: string) =>
  z
    .number({ error: `must be a whole number of milliseconds (${what}).` })
    .int({ error: `must be a whole number of milliseconds (${what}).` })
    .min(0)
    .max(MAX_MS);
const positiveMs = (what: string) => ms(what).min(1, { error: `must be at least 1 ms (${what}).` });

export const ROUTER_DEFAULTS = {
  retries: 2,
  backoffMs: [250, 8000] as [number, number],
  maxRetryAfterMs: 20_000,
  firstByteTimeoutMs: 60_000,
  deadlineMs: 120_000,
  cooldown: { failureRatio: 0.5, minRequests: 5, windowSeconds: 60, baseMs: 5000, maxMs: 300_000 },
};

export const cooldownSchema = strictMapping({
  failureRatio: z
    .number({ error: 'must be a number above 0 and at most 1.' })
    .gt(0, { error: 'must be above 0.' })
    .max(1, { error: 'must be at most 1.' })
    .optional()
    .describe('Share of failed requests in the window that opens the breaker (default 0.5).'),
  minRequests: z
    .number({ error: 'must be a whole number ≥ 1.' })
    .int()
    .min(1)
    .optional()
    .describe('Requests in the window before the ratio counts (default 5).'),
  windowSeconds: z
    .number({ error: 'must be a whole number of seconds ≥ 1.' })
    .int()
    .min(1)
    .max(3600)
    .optional()
    .describe('Sliding window length in seconds (default 60).'),
  baseMs: positiveMs('first opening')
    .optional()
    .describe('First opening of the breaker; doubles on each re-open (default 5000).'),
  maxMs: positiveMs('longest opening')
    .optional()
    .describe(
      'Longest opening; also how long a deployment answering 401/403 is kept out (default 300000).',
    ),
});

/** The router's settings; the top-level `router` holds the defaults, a model group may override any. */
export const routerSettingsShape = {
  retries: z
    .number({ error: 'must be a whole number ≥ 0.' })
    .int()
    .min(0)
    .max(20)
    .optional()
    .describe('Further attempts after the first, across deployments and fallbacks (default 2).'),
  backoffMs: z
    .tuple([ms('base'), ms('cap')], {
      error: 'must be [base, cap] in milliseconds, e.g. [250, 8000].',
    })
    .refine(([base, cap]) => base <= cap, { error: 'must be [base, cap] with base ≤ cap.' })
    .optional()
    .describe(
      'Full-jitter exponential backoff [base, cap], only when the same deployment is retried (default [250, 8000]).',
    ),
  maxRetryAfterMs: ms('longest wait')
    .optional()
    .describe(
      'A Retry-After (or cooldown) longer than this moves on instead of waiting (default 20000).',
    ),
  firstByteTimeoutMs: positiveMs('first byte')
    .optional()
    .describe(
      'Upstream accepted but sent no first body byte / first event: try elsewhere (default 60000).',
    ),
  deadlineMs: positiveMs('deadline')
    .optional()
    .describe("One budget for all attempts up to the client's first byte (default 120000)."),
  cooldown: cooldownSchema.optional().describe('The per-deployment circuit breaker.'),
};

export const routerSectionSchema = strictMapping(routerSettingsShape)
  .nullish()
  .describe('Router defaults for every model group (models.<name>.router overrides them).');

export type RouterSettingsInput = z.output<
  ReturnType<typeof strictMapping<typeof routerSettingsShape>>
>;
