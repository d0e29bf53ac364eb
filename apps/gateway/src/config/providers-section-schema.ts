import * as z from 'zod';
import { strictMapping } from './strict-mapping.js';

const INSTANCE_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const NAME_PROBLEM = 'must be a lower-case instance name (letters, digits, ".", "_", "-").';
const PACKAGE_PROBLEM =
  'must name the plugin package (e.g. "@multi-ai-proxy/provider-azure") or a path such as ./plugins/provider-echo.';

/** One `providers[]` entry. `options` stays opaque here: each plugin validates its own in parseOptions. */
export const providerInstanceSchema = strictMapping({
  name: z
    .string({ error: NAME_PROBLEM })
    .regex(INSTANCE_NAME, { error: NAME_PROBLEM })
    .describe(
      'Instance name, also the model prefix ("azure-eu/gpt-4o"). Lower-case letters, digits, ".", "_", "-".',
    ),
  package: z
    .string({ error: PACKAGE_PROBLEM })
    .min(1, { error: PACKAGE_PROBLEM })
    .describe(
      'Plugin package ("@multi-ai-proxy/provider-azure"), or a path relative to this file (./plugins/provider-echo).',
    ),
  options: z
    .record(z.string(), z.unknown(), {
      error: "must be a mapping of the plugin's options (see its README).",
    })
    .nullish()
    .describe(
      "The plugin's options (see the plugin's README); the plugin's environment variables fill in what is left out.",
    ),
});

/** `providers`: the instances to load, in routing precedence order; names are unique. */
export const providersSectionSchema = z
  .array(providerInstanceSchema, {
    error: 'must be a list of provider instances (name, package, options).',
  })
  .superRefine((instances, context) => {
    const seen = new Set<string>();
    instances.forEach((instance, index) => {
      if (seen.has(instance.name)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `"${instance.name}" is used twice; instance names must be unique.`,
        });
      }
      seen.add(instance.name);
    });
  })
  .nullish()
  .describe(
    'Provider instances to load, in routing precedence order (before those configured by environment variables).',
  );
