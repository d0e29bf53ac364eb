import * as z from 'zod';
import { routerSettingsShape } from './router-section-schema.js';
import { strictMapping } from './strict-mapping.js';

const TARGET = /^[^/]+\/.+$/;
const TARGET_PROBLEM = 'must be "instance/upstream-model", e.g. "azure-eu/gpt-4o".';
export const ROUTING_STRATEGIES = ['balanced', 'ordered', 'random'] as const;

const deploymentSchema = strictMapping({
  target: z
    .string({ error: TARGET_PROBLEM })
    .regex(TARGET, { error: TARGET_PROBLEM })
    .describe('The deployment: "instance/upstream-model", as in routes.'),
  weight: z
    .number({ error: 'must be a number above 0.' })
    .gt(0, { error: 'must be above 0.' })
    .optional()
    .describe('Share of traffic under the balanced and random strategies (default 1).'),
  tpm: z
    .number({ error: 'must be a whole number ≥ 1.' })
    .int()
    .min(1)
    .optional()
    .describe(
      "The deployment's tokens-per-minute quota: a request whose token estimate does not fit goes to another deployment (or waits); corrected by the reported usage.",
    ),
  rpm: z
    .number({ error: 'must be a whole number ≥ 1.' })
    .int()
    .min(1)
    .optional()
    .describe(
      "The deployment's requests-per-minute quota: a request that does not fit goes to another deployment (or waits).",
    ),
});

const groupSchema = strictMapping({
  deployments: z
    .array(deploymentSchema, { error: 'must be a list of deployments ({ target, weight }).' })
    .min(1, { error: 'must list at least one deployment.' })
    .describe('The deployments that serve this public model.'),
  fallbacks: z
    .array(
      z
        .string({ error: 'must be a public model name (another group) or "instance/model".' })
        .min(1),
      { error: 'must be a list of model names.' },
    )
    .optional()
    .describe(
      'Other model groups or "instance/model" targets, tried in order after every deployment of this group.',
    ),
  strategy: z
    .enum(ROUTING_STRATEGIES, { error: `must be one of ${ROUTING_STRATEGIES.join(', ')}.` })
    .optional()
    .describe(
      'balanced (default: weighted, load- and latency-aware) | ordered (first healthy wins) | random (weighted).',
    ),
  router: strictMapping(routerSettingsShape)
    .optional()
    .describe("This group's overrides of the top-level router settings."),
});

/** `models`: public model name → a group of deployments, resolved before every other routing step. */
export const modelsSectionSchema = z
  .record(z.string(), groupSchema, {
    error: 'must map a public model name to a group ({ deployments, fallbacks, strategy }).',
  })
  .superRefine((groups, context) => {
    for (const [name, group] of Object.entries(groups)) {
      for (const [index, fallback] of (group.fallbacks ?? []).entries()) {
        if (fallback === name)
          context.addIssue({
            code: 'custom',
            path: [name, 'fallbacks', index],
            message: `"${fallback}" is the group itself.`,
          });
        else if (!(fallback in groups) && !TARGET.test(fallback)) {
          context.addIssue({
            code: 'custom',
            path: [name, 'fallbacks', index],
            message: `"${fallback}" is neither a model group nor "instance/model".`,
          });
        }
      }
      const cycle = findCycle(name, groups, [name]);
      if (cycle !== undefined && cycle.length > 2)
        context.addIssue({
          code: 'custom',
          path: [name, 'fallbacks'],
          message: `form a cycle: ${cycle.join(' → ')}. Remove one of those fallbacks.`,
        });
    }
  })
  .nullish()
  .describe(
    'Public model name → a group of deployments with fallbacks (load balancing, retries, cooldowns). Listed by GET /v1/models.',
  );

export type ModelGroupInput = z.output<typeof groupSchema>;

function findCycle(
  start: string,
  groups: Record<string, { fallbacks?: string[] }>,
  path: string[],
): string[] | undefined {
  const last = path[path.length - 1] as string;
  for (const next of groups[last]?.fallbacks ?? []) {
    if (!(next in groups)) continue;
    if (next === start) return [...path, next];
    if (path.includes(next)) continue;
    const found = findCycle(start, groups, [...path, next]);
    if (found !== undefined) return found;
  }
  return undefined;
}
