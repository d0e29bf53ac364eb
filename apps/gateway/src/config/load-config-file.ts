import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { EnvV1 } from '@multi-ai-proxy/core';
import type * as z from 'zod';
import type { KeysSettings } from '../keys/keys-settings.js';
import { toKeysSettings } from '../keys/to-keys-settings.js';
import { ConfigError } from './config-error.js';
import { formatIssuePath } from './format-issue-path.js';
import { gatewayConfigSchema } from './gateway-config-schema.js';
import type {
  ModelGroupSettings,
  ProviderInstanceConfig,
  RouterSettings,
} from './gateway-settings.js';
import type { ModelGroupInput } from './models-section-schema.js';
import type { ResponsesSectionInput } from './responses-section-schema.js';
import { ROUTER_DEFAULTS, type RouterSettingsInput } from './router-section-schema.js';

export interface GatewayConfigFile {
  defaultProvider?: string;
  pluginDir?: string;
  providers: ProviderInstanceConfig[];
  routes: Map<string, string>;
  models: Map<string, ModelGroupSettings>;
  state?: { store?: 'memory' | 'redis'; redisUrl?: string; onError?: 'open' | 'closed' };
  responses?: ResponsesSectionInput;
  /** `keys`, `prices`, `admin`, `state`, with `${VAR}` read from `env` and keys hashed. */
  keys: KeysSettings;
  /** The variables the file names as `${VAR}`: in use, whatever their prefix. */
  referencedVariables: ReadonlySet<string>;
}

const SETTING = 'MULTI_AI_PROXY_CONFIG';
// yaml is required when a config file is read, not imported with this module: a gateway configured by
// the environment alone never loads it (~25 ms of start-up). Its Node build is CommonJS.
const require = createRequire(import.meta.url);
const VARIABLE_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Reads the YAML/JSON config file named by MULTI_AI_PROXY_CONFIG and validates it against gatewayConfigSchema. */
export function loadConfigFile(path: string, env: EnvV1 = {}): GatewayConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      SETTING,
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Point it at an existing YAML or JSON file.`,
    );
  }
  // Required outside the parse's try: a missing yaml package is not "invalid YAML".
  const yaml = require('yaml') as typeof import('yaml');
  let document: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both.
    document = yaml.parse(text);
  } catch (error) {
    throw new ConfigError(
      SETTING,
      `${path} is not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  // An empty file (or only comments) is an empty configuration.
  const parsed = gatewayConfigSchema.safeParse(document ?? {});
  if (!parsed.success)
    throw new ConfigError(SETTING, `${path}: ${parsed.error.issues.map(describeIssue).join(' ')}`);
  const config = parsed.data;

  const base = dirname(path);
  return {
    referencedVariables: new Set(
      Array.from(text.matchAll(VARIABLE_REFERENCE), (match) => match[1] as string),
    ),
    defaultProvider: config.defaultProvider ?? undefined,
    pluginDir: config.pluginDir ? resolve(base, config.pluginDir) : undefined,
    providers: (config.providers ?? []).map((instance, index) => ({
      name: instance.name,
      // A path (./plugins/x) is taken relative to the config file; a bare name is a package.
      package:
        instance.package.startsWith('.') || isAbsolute(instance.package)
          ? resolve(base, instance.package)
          : instance.package,
      options: instance.options ?? {},
      configKey: `${SETTING} providers[${index}]`,
    })),
    ...splitModelGroups(config.routes ?? {}, config.models ?? {}, config.router ?? {}),
    state: config.state ?? undefined,
    responses: config.responses ?? undefined,
    keys: toKeysSettings(config, env, path),
  };
}

/**
 * A group of one deployment without fallbacks is a route (it behaves exactly like one); the others
 * become model groups with the top-level router settings and their own overrides merged.
 */
function splitModelGroups(
  routes: Record<string, string>,
  models: Record<string, ModelGroupInput>,
  router: RouterSettingsInput,
): { routes: Map<string, string>; models: Map<string, ModelGroupSettings> } {
  const routeMap = new Map(Object.entries(routes));
  const groups = new Map<string, ModelGroupSettings>();
  const defaults = mergeRouter(ROUTER_DEFAULTS, router);
  for (const [name, group] of Object.entries(models)) {
    const only = group.deployments[0];
    if (
      group.deployments.length === 1 &&
      (group.fallbacks ?? []).length === 0 &&
      only !== undefined
    ) {
      routeMap.set(name, only.target);
      continue;
    }
    groups.set(name, {
      name,
      deployments: group.deployments.map((deployment) => ({
        ...deployment,
        weight: deployment.weight ?? 1,
      })),
      fallbacks: group.fallbacks ?? [],
      strategy: group.strategy ?? 'balanced',
      router: mergeRouter(defaults, group.router ?? {}),
    });
  }
  // A route to a one-deployment group (itself made a route above) goes straight to its deployment.
  for (const [name, target] of routeMap) {
    const single = target in models ? routeMap.get(target) : undefined;
    if (single !== undefined && !groups.has(target)) routeMap.set(name, single);
  }
  return { routes: routeMap, models: groups };
}

function mergeRouter(base: RouterSettings, override: RouterSettingsInput): RouterSettings {
  return {
    retries: override.retries ?? base.retries,
    backoffMs: override.backoffMs ?? base.backoffMs,
    maxRetryAfterMs: override.maxRetryAfterMs ?? base.maxRetryAfterMs,
    firstByteTimeoutMs: override.firstByteTimeoutMs ?? base.firstByteTimeoutMs,
    deadlineMs: override.deadlineMs ?? base.deadlineMs,
    cooldown: { ...base.cooldown, ...definedOf(override.cooldown ?? {}) },
  };
}

function definedOf<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

/** `providers[1].name "a" is used twice; …`: the key path, then what is wrong and the fix. */
function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.length === 0 ? 'the top level' : formatIssuePath(issue.path)} ${issue.message}`;
}
