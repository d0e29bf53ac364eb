import * as z from 'zod';

/** A route's target: `instance/upstream-model`, or (checked against `models` by the file's schema) a model group. */
export const ROUTE_TARGET = /^[^/]+\/.+$/;
export const ROUTE_TARGET_PROBLEM =
  'must be "instance/upstream-model" (e.g. "google/gemini-2.5-flash") or the name of a model group in models.';

/**
 * `routes`: public model name → `instance/upstream-model` or a model group. A name with `*` is a glob
 * (`claude-sonnet-*`): exact names first, then the glob with the most literal characters (core's
 * resolveAlias). The instance must be loaded (checked at load).
 */
export const routesSectionSchema = z
  .record(
    z.string(),
    z.string({ error: ROUTE_TARGET_PROBLEM }).min(1, { error: ROUTE_TARGET_PROBLEM }),
    { error: 'must map a public model name to "instance/upstream-model" or a model group.' },
  )
  .nullish()
  .describe(
    'Public model name (exact, case-sensitive) or glob with * (claude-sonnet-*; exact names first, then the glob with the most literal characters) → "instance/upstream-model" or a model group of models. Exact names are listed by GET /v1/models, globs are not.',
  );
