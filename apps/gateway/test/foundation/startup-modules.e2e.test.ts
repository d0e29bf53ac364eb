import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from '../support/start-gateway.js';

// What the built gateway loads before it listens, recorded by a loader hook: the start-up cost that
// issue 16 cut (BENCHMARKS.md "Start-up") is mostly Node's ESM loader paying per module.
const RECORDER = fileURLToPath(new URL('../support/record-module-loads.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'map-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENV = {
  AZURE_OPENAI_PROXY_MODE: 'azure',
  AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:9',
  AZURE_OPENAI_API_KEY: 'test-key',
  GOOGLE_AI_STUDIO_API_KEY: 'test-key',
  OPENAI_API_ENDPOINT: 'http://127.0.0.1:9',
};

async function modulesLoaded(name: string, config?: Record<string, unknown>) {
  const file = join(dir, `${name}.txt`);
  const gateway = await startGateway({
    env: { ...ENV, RECORD_MODULE_LOADS: file, NODE_OPTIONS: `--import ${RECORDER}` },
    ...(config ? { config } : {}),
  });
  try {
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  } finally {
    await gateway.stop();
  }
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const listening = lines.indexOf('LISTENING');
  expect(listening).toBeGreaterThan(0);
  return { before: [...new Set(lines.slice(0, listening))], after: lines.slice(listening + 1) };
}

const isPackage = (name: string) => (url: string) => url.includes(`/node_modules/${name}/`);
const workspaceFiles = (urls: string[]) => urls.filter((url) => /\/(packages|apps)\//.test(url));

describe('modules the built gateway loads before it listens', () => {
  it('are the bundles of the workspace packages, a few dozen files, not their per-file output', async () => {
    const { before } = await modulesLoaded('bundled');
    const own = workspaceFiles(before);
    // The gateway, core, the providers configured (Azure, Google AI Studio, OpenAI) and the other
    // first-party plugins' small ./detect modules.
    expect(own.length).toBeGreaterThan(5);
    expect(own.length).toBeLessThanOrEqual(40);
    // The shipped bundles, never tsc's per-file output (build/) or sources.
    expect(own.filter((url) => !url.includes('/dist/'))).toEqual([]);
  });

  it('leave yaml, the price catalog, koa-body and the tracing API out when the environment alone configures the gateway', async () => {
    const { before, after } = await modulesLoaded('environment');
    for (const name of ['yaml', '@pydantic/genai-prices', 'koa-body'])
      expect(before.filter(isPackage(name)), name).toEqual([]);
    // The tracing API's ES build (the gateway's spans): only with tracing on. prom-client's default
    // metrics require its CommonJS build (paths, not file: URLs), which was loaded besides it before.
    expect(
      before.filter((url) => url.startsWith('file:') && isPackage('@opentelemetry/api')(url)),
    ).toEqual([]);
    // koa-body is imported in the background once the gateway listens.
    expect(after.some(isPackage('koa-body'))).toBe(true);
  });

  it('load yaml before listening when a config file is read', async () => {
    const { before } = await modulesLoaded('config-file', { routes: {} });
    expect(before.some(isPackage('yaml'))).toBe(true);
  });
});
