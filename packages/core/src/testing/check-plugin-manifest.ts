import { assertProvider } from '../plugin/assert-provider.js';
import { assertProviderPlugin } from '../plugin/assert-provider-plugin.js';
import type { EnvV1, ProviderPluginV1 } from '../plugin/provider-plugin-v1.js';
import type { ProviderV1 } from '../provider/provider-v1.js';
import { createTestPluginContext } from './create-test-plugin-context.js';

/**
 * The contract checks the gateway runs at load time, for a plugin author's own tests: the module's
 * default export is a valid v1 manifest, `parseOptions` accepts the given options, and the created
 * provider declares capabilities that match its methods. Resolves to the created provider.
 */
export async function checkPluginManifest(
  pluginModule: unknown,
  options: { packageName: string; rawOptions?: unknown; env?: EnvV1 },
): Promise<{ plugin: ProviderPluginV1; provider: ProviderV1 }> {
  const plugin = assertProviderPlugin(pluginModule, options.packageName);
  if (plugin.packageName !== options.packageName) {
    throw new Error(`manifest packageName "${plugin.packageName}" differs from the package's name "${options.packageName}"`);
  }
  const env = options.env ?? {};
  const parsed = plugin.parseOptions(options.rawOptions ?? {}, env);
  const provider = assertProvider(await plugin.createProvider(parsed, createTestPluginContext({ instanceName: plugin.name })), options.packageName);
  if (provider.instanceName !== plugin.name) {
    throw new Error(`provider.instanceName "${provider.instanceName}" must be the instance name the host passed ("${plugin.name}")`);
  }
  return { plugin, provider };
}
