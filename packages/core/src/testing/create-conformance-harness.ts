import type { EnvV1, ProviderPluginV1 } from '../plugin/provider-plugin-v1.js';
import type { ProviderV1 } from '../provider/provider-v1.js';
import { checkPluginManifest } from './check-plugin-manifest.js';
import { checkProviderContract } from './check-provider-contract.js';
import { checkProviderScenario, type ScenarioOutcome } from './check-provider-scenario.js';
import type { ProviderScenario } from './provider-scenario.js';
import { type MockUpstream, startMockUpstream } from './start-mock-upstream.js';

/** Everything the kit needs to test a plugin: the module, how to point it at the mock, the scenarios. */
export interface ProviderConformanceSuite {
  /** The plugin module (`await import('../src/index.js')`) or its default export. */
  plugin: unknown;
  /** The package's npm name (must equal the manifest's `packageName`). */
  packageName: string;
  /** The plugin's package.json (path or file URL): its `name` and `version` must match the manifest's. */
  packageJson?: string | URL;
  /** Options as the gateway config file would hold them, given the mock upstream's base URL. */
  options?(upstreamUrl: string): unknown;
  /** Environment variables, given the mock upstream's base URL. */
  env?(upstreamUrl: string): EnvV1;
  /** Values (API keys) that must never appear in an error message. */
  secrets?: readonly string[];
  /** Scenarios to run after the contract checks (recorded upstream answer in, OpenAI answer out). */
  scenarios?: readonly ProviderScenario[];
}

export interface ConformanceHarness {
  /** Starts the mock upstream, checks the manifest and creates the provider. */
  start(): Promise<{ plugin: ProviderPluginV1; provider: ProviderV1; mock: MockUpstream }>;
  checkContract(): Promise<string[]>;
  runScenario(scenario: ProviderScenario): Promise<ScenarioOutcome>;
  close(): Promise<void>;
}

/** The framework-agnostic engine behind `runProviderConformance` (use it with node:test, say). */
export function createConformanceHarness(suite: ProviderConformanceSuite): ConformanceHarness {
  let state: { plugin: ProviderPluginV1; provider: ProviderV1; mock: MockUpstream } | undefined;
  const settings = (url: string) => ({
    rawOptions: suite.options?.(url) ?? {},
    env: suite.env?.(url) ?? {},
  });
  const started = () => {
    if (state === undefined) throw new Error('call start() first');
    return state;
  };
  return {
    async start() {
      const mock = await startMockUpstream();
      try {
        const { plugin, provider } = await checkPluginManifest(suite.plugin, {
          packageName: suite.packageName,
          packageJson: suite.packageJson,
          ...settings(mock.url),
        });
        state = { plugin, provider, mock };
        return state;
      } catch (error) {
        await mock.close();
        throw error;
      }
    },
    checkContract: () => {
      const { plugin, mock } = started();
      return checkProviderContract(plugin, settings(mock.url));
    },
    runScenario: (scenario) => {
      const { provider, mock } = started();
      return checkProviderScenario(provider, scenario, { mock, secrets: suite.secrets });
    },
    async close() {
      if (state === undefined) return;
      const { provider, mock } = state;
      state = undefined;
      try {
        await provider.close?.();
      } finally {
        await mock.close();
      }
    },
  };
}
