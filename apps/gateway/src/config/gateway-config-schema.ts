import * as z from 'zod';
import { modelsSectionSchema } from './models-section-schema.js';
import { adminSectionSchema } from './admin-section-schema.js';
import { keysSectionSchema } from './keys-section-schema.js';
import { pricesSectionSchema } from './prices-section-schema.js';
import { providersSectionSchema } from './providers-section-schema.js';
import { responsesSectionSchema } from './responses-section-schema.js';
import { routerSectionSchema } from './router-section-schema.js';
import {
  ROUTE_TARGET,
  ROUTE_TARGET_PROBLEM,
  routesSectionSchema,
} from './routes-section-schema.js';
import { stateSectionSchema } from './state-section-schema.js';
import { strictMapping } from './strict-mapping.js';

/**
 * The file named by MULTI_AI_PROXY_CONFIG (YAML or JSON). Each section is its own schema file, so a
 * new section is one file and one line here. The repository's config.schema.json is generated from
 * this (`pnpm --filter @multi-ai-proxy/gateway run config-schema`) and checked by a test.
 */
export const gatewayConfigSchema = strictMapping({
  $schema: z
    .string({ error: 'must be a string (the URL or path of config.schema.json).' })
    .optional()
    .describe('JSON Schema of this file, for editors (config.schema.json).'),
  defaultProvider: z
    .string({ error: 'must be a non-empty string (an instance name).' })
    .min(1, { error: 'must be a non-empty string (an instance name).' })
    .nullish()
    .describe(
      'Instance that serves models no other instance claims; wins over AZURE_OPENAI_PROXY_MODE.',
    ),
  pluginDir: z
    .string({ error: 'must be a non-empty string (a folder path).' })
    .min(1, { error: 'must be a non-empty string (a folder path).' })
    .nullish()
    .describe(
      'Folder (relative to this file) whose node_modules holds third-party plugins; searched before MULTI_AI_PROXY_PLUGIN_DIR.',
    ),
  providers: providersSectionSchema,
  routes: routesSectionSchema,
  models: modelsSectionSchema,
  router: routerSectionSchema,
  keys: keysSectionSchema,
  prices: pricesSectionSchema,
  admin: adminSectionSchema,
  state: stateSectionSchema,
  responses: responsesSectionSchema,
})
  // Checks across sections: a route's target without an instance must be a model group.
  .superRefine((config, context) => {
    const models = config.models ?? {};
    for (const [name, target] of Object.entries(config.routes ?? {})) {
      if (!ROUTE_TARGET.test(target) && !(target in models))
        context.addIssue({ code: 'custom', path: ['routes', name], message: ROUTE_TARGET_PROBLEM });
    }
    for (const name of Object.keys(models)) {
      if (name.includes('*'))
        context.addIssue({
          code: 'custom',
          path: ['models', name],
          message: 'is a glob: a model group has an exact name; map a glob to it in routes.',
        });
    }
  })
  .meta({
    title: 'Multi-AI Proxy gateway configuration',
    description:
      'The file named by MULTI_AI_PROXY_CONFIG (YAML or JSON). Gateway settings are environment variables (README, Configuration).',
  });

export type GatewayConfigDocument = z.output<typeof gatewayConfigSchema>;
