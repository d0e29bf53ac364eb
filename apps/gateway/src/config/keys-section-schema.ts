import * as z from 'zod';
import { strictMapping } from './strict-mapping.js';

// The id goes into Redis key names inside a hash tag ({k:<id>}) and into log lines: keep it plain.
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const positiveInteger = (what: string) =>
  z
    .number({ error: 'must be a positive whole number.' })
    .int({ error: 'must be a positive whole number.' })
    .positive({ error: 'must be a positive whole number.' })
    .optional()
    .describe(what);

/** One `keys[]` entry: an identity, its secret (a `${VAR}` or the digest), an allowlist and limits. */
export const keyEntrySchema = strictMapping({
  id: z
    .string({
      error: 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
    })
    .regex(KEY_ID, {
      error: 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
    })
    .describe('Shown in logs and admin answers; never a metric label.'),
  key: z
    .string({
      error: `must be a non-empty string, e.g. "\${TEAM_KEY}" (read from the environment).`,
    })
    .min(1, {
      error: `must be a non-empty string, e.g. "\${TEAM_KEY}" (read from the environment).`,
    })
    .optional()
    .describe(
      `The key, usually "\${VAR}" to read it from the environment; hashed at load, never kept.`,
    ),
  sha256: z
    .string({ error: 'must be 64 hex digits (sha256sum of the key).' })
    .regex(SHA256_HEX, { error: 'must be 64 hex digits (sha256sum of the key).' })
    .optional()
    .describe('The hex SHA-256 of the key, so the file holds no secret.'),
  models: z
    .array(z.string().min(1), {
      error: 'must be a list of model names or globs, e.g. ["gpt-4o*", "gemini-2.5-*"].',
    })
    .optional()
    .describe('Glob allowlist over public model names; absent = every model.'),
  rpm: positiveInteger('Requests per minute (GCRA).'),
  tpm: positiveInteger(
    'Tokens per minute, prompt + completion (GCRA; the estimate is reserved, then settled).',
  ),
  maxParallel: positiveInteger('Requests in flight, streams included.'),
  budget: strictMapping({
    usd: z
      .number({ error: 'must be a positive number of US dollars.' })
      .positive({ error: 'must be a positive number of US dollars.' }),
    period: z.enum(['day', 'week', 'month', 'total'], {
      error: 'must be one of day, week, month (UTC calendar), total.',
    }),
  })
    .optional()
    .describe('Spending limit per UTC calendar period.'),
}).superRefine((entry, context) => {
  if ((entry.key === undefined) === (entry.sha256 === undefined))
    context.addIssue({
      code: 'custom',
      path: ['key'],
      message: 'set exactly one of "key" and "sha256".',
    });
});

/** `keys`: gateway keys with identities, allowlists and limits; ids are unique. */
export const keysSectionSchema = z
  .array(keyEntrySchema, {
    error: 'must be a list of { id, key | sha256, models, rpm, tpm, maxParallel, budget }.',
  })
  .superRefine((entries, context) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.id))
        context.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `"${entry.id}" is used twice; key ids must be unique.`,
        });
      seen.add(entry.id);
    });
  })
  .nullish()
  .describe('Gateway keys (MULTI_AI_PROXY_API_KEYS keeps working as unlimited keys).');
