import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { silentLogger } from '@multi-ai-proxy/core/testing';
import { describe, expect, it } from 'vitest';
import { loadGatewaySettings } from '../config/load-gateway-settings.js';
import { loadProviderPlugins } from './load-provider-plugins.js';

const FIXTURES = resolve(import.meta.dirname, '../../test/foundation/__fixtures__');

function settingsWith(yaml: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'map-loader-'));
  const path = join(dir, 'gateway.yaml');
  writeFileSync(path, yaml);
  const fullEnv = { MULTI_AI_PROXY_CONFIG: path, ...env };
  return { settings: loadGatewaySettings(fullEnv), env: fullEnv, dir };
}

const load = (settings: ReturnType<typeof settingsWith>['settings'], env: Record<string, string>) =>
  loadProviderPlugins(settings, { env, logger: silentLogger, createLogger: () => silentLogger });

describe('loadProviderPlugins', () => {
  it('loads a plugin from a path with its options, as the named instance', async () => {
    const { settings, env } = settingsWith(`providers:\n  - name: local\n    package: ${FIXTURES}/fake-provider-plugin\n    options: { upstreamUrl: "http://127.0.0.1:1" }\n`);
    const loaded = await load(settings, env);
    expect(loaded.map((entry) => [entry.provider.instanceName, entry.plugin.packageName, entry.configKey])).toEqual([
      ['local', 'fake-provider-plugin', 'MULTI_AI_PROXY_CONFIG providers[0]'],
    ]);
  });

  it('resolves a bare package name from the plugin folder (a third-party plugin installed next to the gateway)', async () => {
    const pluginDir = mkdtempSync(join(tmpdir(), 'map-plugins-'));
    mkdirSync(join(pluginDir, 'node_modules'));
    symlinkSync(join(FIXTURES, 'fake-provider-plugin'), join(pluginDir, 'node_modules', 'fake-provider-plugin'), 'dir');
    const { settings, env } = settingsWith(`pluginDir: ${pluginDir}\nproviders:\n  - name: fake\n    package: fake-provider-plugin\n`, { FAKE_UPSTREAM_URL: 'http://127.0.0.1:1' });
    const loaded = await load(settings, env);
    expect(loaded[0]?.provider.instanceName).toBe('fake');
    expect(loaded[0]?.provider.modelPatterns).toEqual(['fake-*']);
  });

  it('names the package, the config key and the fix when a plugin is not installed', async () => {
    const { settings, env } = settingsWith('providers:\n  - name: acme\n    package: "@acme/provider-nowhere"\n');
    await expect(load(settings, env)).rejects.toThrow(
      /Provider plugin "@acme\/provider-nowhere" \(MULTI_AI_PROXY_CONFIG providers\[0\]\) is not installed\..*pnpm --filter @multi-ai-proxy\/gateway add @acme\/provider-nowhere.*MULTI_AI_PROXY_PLUGIN_DIR/,
    );
  });

  it('refuses a plugin written for another contract version', async () => {
    const { settings, env } = settingsWith(`providers:\n  - name: wrong\n    package: ${FIXTURES}/wrong-contract-plugin\n`);
    await expect(load(settings, env)).rejects.toMatchObject({
      name: 'PluginContractError',
      message: expect.stringContaining('declares contractVersion 2, this gateway speaks 1'),
    });
  });

  it('stops on invalid options with the setting, the instance and the package named', async () => {
    const { settings, env } = settingsWith(`providers:\n  - name: bad\n    package: ${FIXTURES}/bad-options-plugin\n`);
    await expect(load(settings, env)).rejects.toMatchObject({
      name: 'ConfigError',
      message: 'MULTI_AI_PROXY_CONFIG providers[0]: Provider "bad": options.region is required; set it to your region, e.g. "eu". (instance "bad", package bad-options-plugin)',
    });
  });

  it('rejects a default provider that is not loaded', async () => {
    const { settings, env } = settingsWith(`defaultProvider: nowhere\nproviders:\n  - name: local\n    package: ${FIXTURES}/fake-provider-plugin\n    options: { upstreamUrl: "http://127.0.0.1:1" }\n`);
    await expect(load(settings, env)).rejects.toThrow('defaultProvider: "nowhere" is not a loaded provider instance (loaded: local)');
  });

  it('loads nothing when neither the config file nor the environment configures a provider', async () => {
    const { settings, env } = settingsWith('providers: []\n');
    await expect(load(settings, env)).resolves.toEqual([]);
  });
});
