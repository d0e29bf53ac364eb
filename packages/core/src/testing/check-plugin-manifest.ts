import { assertProvider } from '../plugin/assert-provider.js';
import { assertProviderPlugin } from '../plugin/assert-provider-plugin.js';
import type { EnvV1, ProviderPluginV1 } from '../plugin/provider-plugin-v1.js';
import type { ProviderV1 } from '../provider/provider-v1.js';
import { createTestPluginContext } from './create-test-plugin-context.js';
import { readJsonFixture } from './read-fixture.js';

/**
 * The contract checks the gateway runs at load time, for a plugin author's own tests: the module's
 * default export is a valid v1 manifest, `parseOptions` accepts the given options, and the created
 * provider declares capabilities that match its methods. With `packageJson` (a path or file URL of the
 * plugin's package.json), the manifest's `packageName` and `version` must be that file's `name` and
 * `version` — the gateway logs them at startup. Resolves to the created provider.
 */
export async function checkPluginManifest(
  pluginModule: unknown,
  options: { packageName: string; rawOptions?: unknown; env?: EnvV1; packageJson?: string | URL },
): Promise<{ plugin: ProviderPluginV1; provider: ProviderV1 }> {
  const plugin = assertProviderPlugin(pluginModule, options.packageName);
  if (plugin.packageName !== options.packageName) {
    throw new Error(
      `manifest packageName "${plugin.packageName}" differs from the package's name "${options.packageName}"`,
    );
  }
  if (options.packageJson !== undefined) {
    const manifest = readJsonFixture<{ name?: unknown; version?: unknown }>(options.packageJson);
    if (manifest.name !== plugin.packageName)
      throw new Error(
        `manifest packageName "${plugin.packageName}" differs from package.json's name ${JSON.stringify(manifest.name)}`,
      );
    if (manifest.version !== plugin.version)
      throw new Error(
        `manifest version "${plugin.version}" differs from package.json's version ${JSON.stringify(manifest.version)}`,
      );
  }
  const env = options.env ?? {};
  const parsed = plugin.parseOptions(options.rawOptions ?? {}, env);
  const provider = assertProvider(
    await plugin.createProvider(parsed, createTestPluginContext({ instanceName: plugin.name })),
    options.packageName,
  );
  if (provider.instanceName !== plugin.name) {
    throw new Error(
      `provider.instanceName "${provider.instanceName}" must be the instance name the host passed ("${plugin.name}")`,
    );
  }
  return { plugin, provider };
}
