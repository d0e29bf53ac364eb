// The only module of core that imports vitest (an optional peer dependency): `@multi-ai-proxy/core`
// itself never loads it, and a plugin author who does not use vitest can use createConformanceHarness.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { assertConformant } from './assert-conformant.js';
import {
  type ConformanceHarness,
  createConformanceHarness,
  type ProviderConformanceSuite,
} from './create-conformance-harness.js';

/**
 * Registers the conformance tests of a provider plugin with vitest: the manifest, the contract, then
 * one test per scenario (recorded upstream answer in, valid OpenAI answer out). Call it at the top
 * level of a test file.
 */
export function runProviderConformance(suite: ProviderConformanceSuite): void {
  describe(`${suite.packageName} conformance`, () => {
    let harness: ConformanceHarness;
    beforeAll(async () => {
      harness = createConformanceHarness(suite);
      await harness.start();
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('has a valid manifest and honours the plugin contract', async () => {
      assertConformant(await harness.checkContract(), `${suite.packageName} contract`);
    });

    for (const scenario of suite.scenarios ?? []) {
      it(scenario.name, async () => {
        const outcome = await harness.runScenario(scenario);
        assertConformant(outcome.problems, scenario.name);
      });
    }
  });
}
