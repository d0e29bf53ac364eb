import * as z from 'zod';
import { strictMapping } from './strict-mapping.js';

const price = (what: string) =>
  z
    .number({ error: 'must be a number ≥ 0 (USD per 1M tokens).' })
    .min(0, { error: 'must be a number ≥ 0 (USD per 1M tokens).' })
    .describe(what);

/** `prices`: USD per 1M tokens by model name or glob, over the built-in table (@pydantic/genai-prices). */
export const pricesSectionSchema = z
  .record(
    z.string(),
    strictMapping({
      input: price('Prompt tokens.'),
      output: price('Completion tokens.'),
      cachedInput: price('Cached prompt tokens (default: input).').optional(),
      reasoning: price(
        'Reasoning tokens, where billed apart from output (default: output).',
      ).optional(),
    }),
    {
      error:
        'must map a model name (or glob) to { input, output, cachedInput?, reasoning? } in USD per 1M tokens.',
    },
  )
  .nullish()
  .describe('USD per 1M tokens by model name or glob; overrides the built-in price table.');
