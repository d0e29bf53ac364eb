import * as z from 'zod';
import { strictMapping } from './strict-mapping.js';

/** Defaults of `responses.store` (README, Responses API): one day, 10 000 responses or 64 MiB per process. */
export const RESPONSE_STORE_DEFAULTS = {
  ttlSeconds: 86_400,
  maxEntries: 10_000,
  maxBytes: 64 * 1024 * 1024,
  maxResponseBytes: 4 * 1024 * 1024,
};

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `must be a whole number of ${what} from ${min} to ${max}.` })
    .int({ error: `must be a whole number of ${what} from ${min} to ${max}.` })
    .min(min, { error: `must be at least ${min} (${what}).` })
    .max(max, { error: `must be at most ${max} (${what}).` });

const storeSchema = strictMapping({
  enabled: z
    .boolean({ error: 'must be true or false.' })
    .optional()
    .describe(
      'Keep the responses this gateway creates for translated providers, so previous_response_id, GET, DELETE and input_items work (default false: stateless).',
    ),
  ttlSeconds: wholeNumber('seconds', 1, 30 * 86_400)
    .optional()
    .describe('How long a stored response lives (default 86400, one day; at most 30 days).'),
  maxEntries: wholeNumber('responses', 1, 10_000_000)
    .optional()
    .describe(
      'Memory store only: the most responses kept, least recently used dropped first (default 10000).',
    ),
  maxBytes: wholeNumber('bytes', 1024, 64 * 1024 ** 3)
    .optional()
    .describe('Memory store only: the most bytes of JSON kept (default 67108864, 64 MiB).'),
  maxResponseBytes: wholeNumber('bytes', 1024, 512 * 1024 ** 2)
    .optional()
    .describe(
      'A response whose record (its input history and output) is larger is not stored (default 4194304, 4 MiB).',
    ),
})
  .nullish()
  .describe(
    'The response store of /v1/responses on translated providers; in Redis when state.store is redis.',
  );

/** `responses`: settings of the `/v1/responses` adapter. */
export const responsesSectionSchema = strictMapping({ store: storeSchema })
  .nullish()
  .describe('The /v1/responses adapter for providers that speak chat completions only.');

export type ResponsesSectionInput = z.output<typeof responsesSectionSchema>;
