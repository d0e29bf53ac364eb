import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  assertProvider,
  assertProviderPlugin,
  type EnvV1,
  InvalidPluginOptionsError,
  type LoggerV1,
  PluginNotInstalledError,
  type ProviderPluginV1,
} from '@multi-ai-proxy/core';
import { ConfigError } from '../config/config-error.js';
import type {
  GatewaySettings,
  ProviderInstanceConfig,
  ProviderMode,
} from '../config/gateway-settings.js';
import { MODULE_ROOT_URL } from '../module-root-url.js';
import { findPluginPackages } from './find-plugin-packages.js';
import { FIRST_PARTY_PLUGINS } from './first-party-plugins.js';
import { importPluginModule } from './import-plugin-module.js';
import type { LoadedProvider } from './loaded-provider.js';
import { holdsServerSideCredential } from './warn-open-relay.js';

const GATEWAY_DIR = dirname(fileURLToPath(MODULE_ROOT_URL));
const LOAD_TIMEOUT_MS = 15_000;

export interface LoadPluginsOptions {
  env: EnvV1;
  logger: LoggerV1;
  createLogger: (instanceName: string) => LoggerV1;
  /** Folder the gateway resolves its own dependencies from (tests point it at fixture packages). */
  gatewayDir?: string;
  /**
   * Let plugins from outside the gateway resolve @multi-ai-proxy/core to the gateway's copy (a
   * loader hook, built JavaScript only: the running gateway sets it, unit tests on sources do not).
   */
  lendCoreToPlugins?: boolean;
}

/**
 * Which instances to load: those of the config file, then each first-party plugin the environment
 * configures (or that AZURE_OPENAI_PROXY_MODE names), then each third-party plugin found in the plugin
 * folders (package keyword `multi-ai-proxy-plugin`) whose `detectFromEnv` is true — a package the config
 * file already has an instance of is skipped. Loaded one by one, in that order, which is also the
 * routing precedence order.
 */
export async function loadProviderPlugins(
  settings: GatewaySettings,
  options: LoadPluginsOptions,
): Promise<LoadedProvider[]> {
  const searchDirs = [...settings.pluginDirs, options.gatewayDir ?? GATEWAY_DIR];
  if (
    options.lendCoreToPlugins &&
    (settings.configuredProviders.length > 0 || settings.pluginDirs.length > 0)
  )
    lendCoreToPlugins();
  const loaded: LoadedProvider[] = [];
  for (const instance of settings.configuredProviders) {
    loaded.push(await loadInstance(instance, searchDirs, settings, options));
  }
  const configuredPackages = new Set(
    settings.configuredProviders.map((instance) => instance.package),
  );
  for (const [mode, packageName] of Object.entries(FIRST_PARTY_PLUGINS) as [
    ProviderMode,
    string,
  ][]) {
    if (configuredPackages.has(packageName)) continue;
    if (loaded.some((entry) => entry.provider.instanceName === mode)) continue;
    const selectedByMode = settings.modeExplicit && settings.defaultProvider === mode;
    // Asked through the package's small `./detect` module first: a provider the environment does
    // not configure is never imported (its code and dependencies stay out of memory and start-up).
    if (!selectedByMode && (await detectFirstParty(packageName, options.env, searchDirs)) === false)
      continue;
    const plugin = await importManifest(packageName, 'first-party plugins', searchDirs);
    if (!selectedByMode && !plugin.detectFromEnv?.(options.env)) continue;
    const configKey = selectedByMode ? 'AZURE_OPENAI_PROXY_MODE' : `environment (${mode})`;
    loaded.push(
      await createInstance(
        plugin,
        { name: mode, package: packageName, options: {}, configKey },
        settings,
        options,
      ),
    );
  }
  const firstParty = new Set(Object.values(FIRST_PARTY_PLUGINS));
  for (const packageName of findPluginPackages(settings.pluginDirs)) {
    if (configuredPackages.has(packageName) || firstParty.has(packageName)) continue;
    const configKey = `MULTI_AI_PROXY_PLUGIN_DIR (${packageName})`;
    const plugin = await importManifest(packageName, configKey, searchDirs);
    if (!plugin.detectFromEnv?.(options.env)) continue;
    if (loaded.some((entry) => entry.provider.instanceName === plugin.name)) {
      throw new ConfigError(
        configKey,
        `the environment configures plugin ${packageName}, but instance "${plugin.name}" already exists. Declare it in the config file under another name.`,
      );
    }
    loaded.push(
      await createInstance(
        plugin,
        {
          name: plugin.name,
          package: packageName,
          options: {},
          configKey: `environment (${plugin.name})`,
        },
        settings,
        options,
      ),
    );
  }
  if (
    settings.modeExplicit &&
    settings.defaultProvider !== undefined &&
    !loaded.some((entry) => entry.provider.instanceName === settings.defaultProvider)
  ) {
    const names = loaded.map((entry) => entry.provider.instanceName);
    throw new ConfigError(
      'defaultProvider',
      `"${settings.defaultProvider}" is not a loaded provider instance (loaded: ${names.join(', ') || 'none'}). Name one of them in defaultProvider or AZURE_OPENAI_PROXY_MODE.`,
    );
  }
  const names = new Set(loaded.map((entry) => entry.provider.instanceName));
  for (const [model, target] of settings.routes) {
    // A route to a model group: the group's own deployments are checked below.
    if (settings.models.has(target)) continue;
    const instance = target.slice(0, target.indexOf('/'));
    if (!names.has(instance)) {
      throw new ConfigError(
        `MULTI_AI_PROXY_CONFIG routes.${model}`,
        `"${target}" names instance "${instance}", which is not loaded (loaded: ${[...names].join(', ') || 'none'}). Use one of them as the prefix.`,
      );
    }
  }
  for (const [model, group] of settings.models) {
    const targets = [
      ...group.deployments.map((deployment, index) => ({
        target: deployment.target,
        key: `deployments[${index}].target`,
      })),
      ...group.fallbacks
        .map((fallback, index) => ({ target: fallback, key: `fallbacks[${index}]` }))
        .filter(({ target }) => !settings.models.has(target) && !settings.routes.has(target)),
    ];
    for (const { target, key } of targets) {
      const instance = target.slice(0, target.indexOf('/'));
      if (!names.has(instance)) {
        throw new ConfigError(
          `MULTI_AI_PROXY_CONFIG models.${model}.${key}`,
          `"${target}" names instance "${instance}", which is not loaded (loaded: ${[...names].join(', ') || 'none'}). Use one of them as the prefix.`,
        );
      }
    }
  }
  return loaded;
}

/**
 * The `detectFromEnv` of a first-party package's `./detect` export (the function its plugin uses);
 * undefined when the installed version has none, and the manifest decides.
 */
async function detectFirstParty(
  packageName: string,
  env: EnvV1,
  searchDirs: readonly string[],
): Promise<boolean | undefined> {
  let module: { detectFromEnv?: unknown };
  try {
    module = (await importPluginModule(
      `${packageName}/detect`,
      'first-party plugins',
      searchDirs,
    )) as {
      detectFromEnv?: unknown;
    };
  } catch {
    return undefined;
  }
  return typeof module.detectFromEnv === 'function'
    ? Boolean(module.detectFromEnv(env))
    : undefined;
}

let coreLent = false;

/** Installs the resolution hook once, only when the config file may name plugins from outside. */
function lendCoreToPlugins(): void {
  if (coreLent) return;
  coreLent = true;
  // A file of its own in every layout (bundle-dist.mjs makes it an entry point): it runs on the loader thread.
  register(new URL('plugins/core-resolve-hooks.js', MODULE_ROOT_URL).href, {
    data: { gatewayParentUrl: pathToFileURL(join(GATEWAY_DIR, 'package.json')).href },
  });
}

async function loadInstance(
  instance: ProviderInstanceConfig,
  searchDirs: string[],
  settings: GatewaySettings,
  options: LoadPluginsOptions,
) {
  const plugin = await importManifest(instance.package, instance.configKey, searchDirs);
  return createInstance(plugin, instance, settings, options);
}

async function importManifest(
  packageName: string,
  configKey: string,
  searchDirs: readonly string[],
): Promise<ProviderPluginV1> {
  try {
    const module = await withTimeout(
      importPluginModule(packageName, configKey, searchDirs),
      `importing ${packageName}`,
    );
    return assertProviderPlugin(module, packageName);
  } catch (error) {
    if (PluginNotInstalledError.isInstance(error)) throw error;
    // A broken plugin (wrong contract, a dependency of its own missing, a throw at import) still
    // names where it was configured.
    throw new ConfigError(
      configKey,
      `${describeFailure(error)} (package ${packageName}). Fix or reinstall the plugin, or remove it from the configuration.`,
    );
  }
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function createInstance(
  plugin: ProviderPluginV1,
  instance: ProviderInstanceConfig,
  settings: GatewaySettings,
  options: LoadPluginsOptions,
): Promise<LoadedProvider> {
  let parsed: unknown;
  try {
    parsed = plugin.parseOptions(instance.options, options.env);
  } catch (error) {
    const problem = InvalidPluginOptionsError.isInstance(error)
      ? error.message
      : `parseOptions failed: ${describeFailure(error)}`;
    throw new ConfigError(
      instance.configKey,
      `${problem} (instance "${instance.name}", package ${plugin.packageName})`,
    );
  }
  let created: unknown;
  try {
    created = await withTimeout(
      Promise.resolve(
        plugin.createProvider(parsed, {
          instanceName: instance.name,
          logger: options.createLogger(instance.name),
          upstreamTimeoutMs: settings.upstreamTimeoutMs,
        }),
      ),
      `creating provider "${instance.name}" (${plugin.packageName})`,
    );
  } catch (error) {
    const problem = InvalidPluginOptionsError.isInstance(error)
      ? error.message
      : `createProvider failed: ${describeFailure(error)}`;
    throw new ConfigError(
      instance.configKey,
      `${problem} (instance "${instance.name}", package ${plugin.packageName})`,
    );
  }
  let provider: ReturnType<typeof assertProvider>;
  try {
    provider = assertProvider(created, plugin.packageName);
  } catch (error) {
    throw new ConfigError(instance.configKey, describeFailure(error));
  }
  if (provider.instanceName !== instance.name) {
    throw new ConfigError(
      instance.configKey,
      `plugin ${plugin.packageName} returned instanceName "${provider.instanceName}" instead of "${instance.name}"; it must use context.instanceName.`,
    );
  }
  return {
    provider,
    plugin,
    configKey: instance.configKey,
    holdsServerSideCredential: holdsServerSideCredential(plugin.packageName, parsed),
  };
}

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${LOAD_TIMEOUT_MS} ms ${what}.`)),
      LOAD_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
