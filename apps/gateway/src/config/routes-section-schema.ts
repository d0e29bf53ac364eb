import * as z from 'zod';

const ROUTE_TARGET = /^[^/]+\/.+$/;

/** `routes`: exact public model name → `instance/upstream-model`; the instance must be loaded (checked at load). */
export const routesSectionSchema = z
  .record(
    z.string(),
    z
      .string({ error: 'must be "instance/upstream-model", e.g. "google/gemini-2.5-flash".' })
      .regex(ROUTE_TARGET, {
        error: 'must be "instance/upstream-model", e.g. "google/gemini-2.5-flash".',
      }),
    { error: 'must map a public model name to "instance/upstream-model".' },
  )
  .nullish()
  .describe(
    'Public model name (exact, case-sensitive) → "instance/upstream-model". Listed by GET /v1/models.',
  );
