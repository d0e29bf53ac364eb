import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config-error.js';
import type { ProviderInstanceConfig } from './gateway-settings.js';

export interface GatewayConfigFile {
  defaultProvider?: string;
  pluginDir?: string;
  providers: ProviderInstanceConfig[];
  routes: Map<string, string>;
}

const SETTING = 'MULTI_AI_PROXY_CONFIG';
const INSTANCE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** Reads and validates the YAML/JSON config file named by MULTI_AI_PROXY_CONFIG. */
export function loadConfigFile(path: string): GatewayConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(SETTING, `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Point it at an existing YAML or JSON file.`);
  }
  let document: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both.
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError(SETTING, `${path} is not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (document === null || document === undefined) document = {};
  if (typeof document !== 'object' || Array.isArray(document)) throw new ConfigError(SETTING, `${path} must contain a mapping (object) at the top level.`);
  const root = document as Record<string, unknown>;
  const known = new Set(['defaultProvider', 'pluginDir', 'providers', 'routes']);
  for (const key of Object.keys(root)) {
    if (!known.has(key)) throw new ConfigError(SETTING, `${path}: unknown key "${key}" (expected ${[...known].join(', ')}).`);
  }

  const providers = parseProviders(root.providers, path);
  const routes = parseRoutes(root.routes, path);
  const defaultProvider = optionalString(root.defaultProvider, 'defaultProvider', path);
  const pluginDir = optionalString(root.pluginDir, 'pluginDir', path);
  return {
    defaultProvider,
    pluginDir: pluginDir === undefined ? undefined : resolve(dirname(path), pluginDir),
    providers,
    routes,
  };
}

function parseProviders(value: unknown, path: string): ProviderInstanceConfig[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ConfigError(SETTING, `${path}: "providers" must be a list.`);
  const seen = new Set<string>();
  return value.map((entry, index) => {
    const key = `providers[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new ConfigError(SETTING, `${path}: ${key} must be a mapping with name, package, options.`);
    const record = entry as Record<string, unknown>;
    const name = record.name;
    const specifier = record.package;
    if (typeof name !== 'string' || !INSTANCE_NAME.test(name)) {
      throw new ConfigError(SETTING, `${path}: ${key}.name must be a lower-case instance name (letters, digits, ".", "_", "-").`);
    }
    if (seen.has(name)) throw new ConfigError(SETTING, `${path}: ${key}.name "${name}" is used twice; instance names must be unique.`);
    seen.add(name);
    if (typeof specifier !== 'string' || specifier.length === 0) {
      throw new ConfigError(SETTING, `${path}: ${key}.package must name the plugin package (e.g. "@multi-ai-proxy/provider-azure").`);
    }
    const options = record.options ?? {};
    if (typeof options !== 'object' || Array.isArray(options)) throw new ConfigError(SETTING, `${path}: ${key}.options must be a mapping.`);
    // A path (./plugins/x) is taken relative to the config file; a bare name is a package.
    const packageSpecifier = specifier.startsWith('.') || isAbsolute(specifier) ? resolve(dirname(path), specifier) : specifier;
    return { name, package: packageSpecifier, options, configKey: `${SETTING} ${key}` };
  });
}

function parseRoutes(value: unknown, path: string): Map<string, string> {
  const routes = new Map<string, string>();
  if (value === undefined || value === null) return routes;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(SETTING, `${path}: "routes" must map a public model name to "instance/upstream-model".`);
  for (const [model, target] of Object.entries(value)) {
    if (typeof target !== 'string' || !/^[^/]+\/.+$/.test(target)) {
      throw new ConfigError(SETTING, `${path}: routes.${model} must be "instance/upstream-model", e.g. "google/gemini-2.5-flash".`);
    }
    routes.set(model, target);
  }
  return routes;
}

function optionalString(value: unknown, key: string, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw new ConfigError(SETTING, `${path}: "${key}" must be a non-empty string.`);
  return value;
}
