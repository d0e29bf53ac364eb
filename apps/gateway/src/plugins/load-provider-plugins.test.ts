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
    const { settings, env } = settingsWith(
      `providers:\n  - name: local\n    package: ${FIXTURES}/fake-provider-plugin\n    options: { upstreamUrl: "http://127.0.0.1:1" }\n`,
    );
    const loaded = await load(settings, env);
    expect(
      loaded.map((entry) => [
        entry.provider.instanceName,
        entry.plugin.packageName,
        entry.configKey,
      ]),
    ).toEqual([['local', 'fake-provider-plugin', 'MULTI_AI_PROXY_CONFIG providers[0]']]);
  });

  it('resolves a bare package name from the plugin folder (a third-party plugin installed next to the gateway)', async () => {
    const pluginDir = mkdtempSync(join(tmpdir(), 'map-plugins-'));
    mkdirSync(join(pluginDir, 'node_modules'));
    symlinkSync(
      join(FIXTURES, 'fake-provider-plugin'),
      join(pluginDir, 'node_modules', 'fake-provider-plugin'),
      'dir',
    );
    const { settings, env } = settingsWith(
      `pluginDir: ${pluginDir}\nproviders:\n  - name: fake\n    package: fake-provider-plugin\n`,
      { FAKE_UPSTREAM_URL: 'http://127.0.0.1:1' },
    );
    const loaded = await load(settings, env);
    expect(loaded[0]?.provider.instanceName).toBe('fake');
    expect(loaded[0]?.provider.modelPatterns).toEqual(['fake-*']);
  });

  it('names the package, the config key and the fix when a plugin is not installed', async () => {
    const { settings, env } = settingsWith(
      'providers:\n  - name: acme\n    package: "@acme/provider-nowhere"\n',
    );
    await expect(load(settings, env)).rejects.toThrow(
      /Provider plugin "@acme\/provider-nowhere" \(MULTI_AI_PROXY_CONFIG providers\[0\]\) is not installed\..*pnpm --filter @multi-ai-proxy\/gateway add @acme\/provider-nowhere.*MULTI_AI_PROXY_PLUGIN_DIR/,
    );
  });

  it('refuses a plugin written for another contract version', async () => {
    const { settings, env } = settingsWith(
      `providers:\n  - name: wrong\n    package: ${FIXTURES}/wrong-contract-plugin\n`,
    );
    await expect(load(settings, env)).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(
        /^MULTI_AI_PROXY_CONFIG providers\[0\]: Provider plugin ".*wrong-contract-plugin" declares contractVersion 2, this gateway speaks 1\./,
      ),
    });
  });

  it('names the config key when a plugin throws while loading or creating its provider', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-broken-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'broken-plugin', type: 'module', main: 'index.js' }),
    );
    writeFileSync(
      join(dir, 'index.js'),
      "import 'left-pad-not-installed-anywhere';\nexport default {};\n",
    );
    const broken = settingsWith(`providers:\n  - name: broken\n    package: ${dir}\n`);
    await expect(load(broken.settings, broken.env)).rejects.toThrow(
      /^MULTI_AI_PROXY_CONFIG providers\[0\]: .*left-pad-not-installed-anywhere.*\(package .*\)\. Fix or reinstall the plugin/,
    );

    const throwing = mkdtempSync(join(tmpdir(), 'map-throwing-'));
    writeFileSync(
      join(throwing, 'package.json'),
      JSON.stringify({ name: 'throwing-plugin', type: 'module', main: 'index.js' }),
    );
    writeFileSync(
      join(throwing, 'index.js'),
      "export default { contractVersion: 1, name: 'throwing', packageName: 'throwing-plugin', version: '1.0.0', parseOptions: () => ({}), createProvider: () => { throw new Error('no socket for you'); } };\n",
    );
    const failing = settingsWith(`providers:\n  - name: t1\n    package: ${throwing}\n`);
    await expect(load(failing.settings, failing.env)).rejects.toThrow(
      'MULTI_AI_PROXY_CONFIG providers[0]: createProvider failed: no socket for you (instance "t1", package throwing-plugin)',
    );
  });

  it('refuses a plugin whose provider ignores context.instanceName', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-wrong-name-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'wrong-name-plugin', type: 'module', main: 'index.js' }),
    );
    writeFileSync(
      join(dir, 'index.js'),
      'const capabilities = { chatCompletions: false, streaming: false, completions: false, embeddings: false, listModels: false, passthrough: [] };\n' +
        "export default { contractVersion: 1, name: 'wrong', packageName: 'wrong-name-plugin', version: '1.0.0', parseOptions: () => ({}), createProvider: () => ({ contractVersion: 1, instanceName: 'wrong', capabilities }) };\n",
    );
    const { settings, env } = settingsWith(`providers:\n  - name: eu\n    package: ${dir}\n`);
    await expect(load(settings, env)).rejects.toThrow(
      'plugin wrong-name-plugin returned instanceName "wrong" instead of "eu"; it must use context.instanceName.',
    );
  });

  it('rejects a config-file route to an instance that is not loaded', async () => {
    const { settings, env } = settingsWith(
      `providers:\n  - name: local\n    package: ${FIXTURES}/fake-provider-plugin\n    options: { upstreamUrl: "http://127.0.0.1:1" }\nroutes:\n  fast: typo/some-model\n`,
    );
    await expect(load(settings, env)).rejects.toThrow(
      'MULTI_AI_PROXY_CONFIG routes.fast: "typo/some-model" names instance "typo", which is not loaded (loaded: local). Use one of them as the prefix.',
    );
  });

  it('rejects a model group deployment or fallback on an instance that is not loaded', async () => {
    const local = `providers:\n  - name: local\n    package: ${FIXTURES}/fake-provider-plugin\n    options: { upstreamUrl: "http://127.0.0.1:1" }\n`;
    const deployment = settingsWith(
      `${local}models:\n  gpt-4o:\n    deployments: [{ target: local/a }, { target: typo/b }]\n`,
    );
    await expect(load(deployment.settings, deployment.env)).rejects.toThrow(
      'MULTI_AI_PROXY_CONFIG models.gpt-4o.deployments[1].target: "typo/b" names instance "typo", which is not loaded (loaded: local).',
    );
    const fallback = settingsWith(
      `${local}models:\n  gpt-4o:\n    deployments: [{ target: local/a }]\n    fallbacks: [typo/c]\n`,
    );
    await expect(load(fallback.settings, fallback.env)).rejects.toThrow(
      'MULTI_AI_PROXY_CONFIG models.gpt-4o.fallbacks[0]: "typo/c" names instance "typo"',
    );
  });

  it('stops on invalid options with the setting, the instance and the package named', async () => {
    const { settings, env } = settingsWith(
      `providers:\n  - name: bad\n    package: ${FIXTURES}/bad-options-plugin\n`,
    );
    await expect(load(settings, env)).rejects.toMatchObject({
      name: 'ConfigError',
      message:
        'MULTI_AI_PROXY_CONFIG providers[0]: Provider "bad": options.region is required; set it to your region, e.g. "eu". (instance "bad", package bad-options-plugin)',
    });
  });

  it('rejects a default provider that is not loaded', async () => {
    const { settings, env } = settingsWith(
      `defaultProvider: nowhere\nproviders:\n  - name: local\n    package: ${FIXTURES}/fake-provider-plugin\n    options: { upstreamUrl: "http://127.0.0.1:1" }\n`,
    );
    await expect(load(settings, env)).rejects.toThrow(
      'defaultProvider: "nowhere" is not a loaded provider instance (loaded: local)',
    );
  });

  it('loads nothing when neither the config file nor the environment configures a provider', async () => {
    const { settings, env } = settingsWith('providers: []\n');
    await expect(load(settings, env)).resolves.toEqual([]);
  });
});

describe('loadProviderPlugins, first-party packages the environment does not configure', () => {
  /** A gateway folder whose five first-party packages throw when imported; `./detect` answers `detected`. */
  function gatewayWithFirstParty(detected: (name: string) => boolean) {
    const dir = mkdtempSync(join(tmpdir(), 'map-first-party-'));
    for (const name of ['azure', 'google', 'vertex', 'openai', 'anthropic']) {
      const pkg = join(dir, 'node_modules', '@multi-ai-proxy', `provider-${name}`);
      mkdirSync(pkg, { recursive: true });
      writeFileSync(
        join(pkg, 'package.json'),
        JSON.stringify({
          name: `@multi-ai-proxy/provider-${name}`,
          type: 'module',
          exports: { '.': './index.js', './detect': './detect.js' },
        }),
      );
      writeFileSync(join(pkg, 'index.js'), `throw new Error('provider-${name} was imported');\n`);
      writeFileSync(
        join(pkg, 'detect.js'),
        `export function detectFromEnv() { return ${detected(name)}; }\n`,
      );
    }
    return dir;
  }

  it('never imports a first-party provider whose ./detect says the environment does not configure it', async () => {
    const { settings, env } = settingsWith(
      `providers:\n  - name: local\n    package: ${FIXTURES}/fake-provider-plugin\n    options: { upstreamUrl: "http://127.0.0.1:1" }\n`,
    );
    const loaded = await loadProviderPlugins(settings, {
      env,
      logger: silentLogger,
      createLogger: () => silentLogger,
      gatewayDir: gatewayWithFirstParty(() => false),
    });
    expect(loaded.map((entry) => entry.provider.instanceName)).toEqual(['local']);
  });

  it('imports the one whose ./detect says it is configured', async () => {
    const { settings, env } = settingsWith(
      `providers:\n  - name: local\n    package: ${FIXTURES}/fake-provider-plugin\n    options: { upstreamUrl: "http://127.0.0.1:1" }\n`,
    );
    await expect(
      loadProviderPlugins(settings, {
        env,
        logger: silentLogger,
        createLogger: () => silentLogger,
        gatewayDir: gatewayWithFirstParty((name) => name === 'vertex'),
      }),
    ).rejects.toThrow(/provider-vertex was imported/);
  });
});
