import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { startGateway } from '../support/start-gateway.js';

const chat = (model: string) => ({ model, messages: [{ role: 'user', content: 'Hello' }] });
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('two instances of one plugin from the config file', () => {
  let eu: MockUpstream;
  let us: MockUpstream;
  beforeAll(async () => {
    [eu, us] = await Promise.all([startAzureMock(), startAzureMock()]);
  });
  afterAll(async () => {
    await Promise.all([eu?.close(), us?.close()]);
  });

  it('routes by instance prefix, defaults to the configured default, and fills options from the environment', async () => {
    const gateway = await startGateway({
      env: { AZURE_OPENAI_API_KEY: 'server-side-key' },
      config: {
        defaultProvider: 'azure-eu',
        providers: [
          {
            name: 'azure-eu',
            package: '@multi-ai-proxy/provider-azure',
            options: { endpoint: eu.url },
          },
          {
            name: 'azure-us',
            package: '@multi-ai-proxy/provider-azure',
            options: { endpoint: `${us.url}/` },
          },
        ],
        routes: { 'us-fast': 'azure-us/gpt-4o-mini' },
      },
    });
    try {
      expect((await post(gateway.url, chat('azure-us/gpt-4o'))).status).toBe(200);
      expect((await post(gateway.url, chat('gpt-4o'))).status).toBe(200);
      expect((await post(gateway.url, chat('us-fast'))).status).toBe(200);
      expect(us.requests.map((request) => request.path)).toEqual([
        '/openai/deployments/gpt-4o/chat/completions',
        '/openai/deployments/gpt-4o-mini/chat/completions',
      ]);
      expect(eu.requests.map((request) => request.path)).toEqual([
        '/openai/deployments/gpt-4o/chat/completions',
      ]);
      // The instance prefix never reaches the upstream, and the key comes from the environment.
      expect(us.requests[0]?.json()).toMatchObject({ model: 'gpt-4o' });
      expect(us.requests[0]?.headers['api-key']).toBe('server-side-key');
      const loaded = gateway.logs
        .filter((line) => line.msg === 'provider loaded')
        .map((line) => [line.instance, line.source]);
      expect(loaded).toEqual([
        ['azure-eu', 'MULTI_AI_PROXY_CONFIG providers[0]'],
        ['azure-us', 'MULTI_AI_PROXY_CONFIG providers[1]'],
      ]);
      expect(JSON.stringify(gateway.logs)).not.toContain('server-side-key');
    } finally {
      await gateway.stop();
    }
  });
});

describe('GET /deployments', () => {
  it('lists the deployments the gateway knows when the resource has no listing of its own', async () => {
    const azure = await startAzureMock();
    const gateway = await startGateway({
      env: { AZURE_OPENAI_ENDPOINT: azure.url, AZURE_OPENAI_MODEL_MAPPER: 'gpt-3.5-turbo=my-35' },
    });
    try {
      const response = await fetch(`${gateway.url}/deployments`, { headers: { 'api-key': 'k' } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: Array<{ id: string }> };
      expect(body.data.map((entry) => entry.id)).toContain('my-35');
    } finally {
      await gateway.stop();
      await azure.close();
    }
  });
});

describe('AZURE_OPENAI_PROXY_MODE', () => {
  it('openai mode starts and becomes the default provider', async () => {
    const gateway = await startGateway({ env: { AZURE_OPENAI_PROXY_MODE: 'openai' } });
    try {
      expect(await (await fetch(`${gateway.url}/readyz`)).json()).toEqual({
        status: 'ready',
        providers: ['openai'],
        defaultProvider: 'openai',
      });
    } finally {
      await gateway.stop();
    }
  });

  it('google without its key stops startup naming the variable', async () => {
    await expect(startGateway({ env: { AZURE_OPENAI_PROXY_MODE: 'google' } })).rejects.toThrow(
      /startup failed: AZURE_OPENAI_PROXY_MODE: .*GOOGLE_AI_STUDIO_API_KEY/,
    );
  });
});

describe('node:cluster workers', () => {
  it('serves from several workers on one port and exits 0 on SIGTERM', async () => {
    const azure = await startAzureMock();
    const gateway = await startGateway({
      env: { MULTI_AI_PROXY_WORKERS: '2', AZURE_OPENAI_ENDPOINT: azure.url },
    });
    try {
      const listening = () => gateway.logs.filter((entry) => entry.msg === 'gateway listening');
      await expect.poll(() => listening().length, { timeout: 10_000 }).toBe(2);
      const statuses = await Promise.all(
        Array.from({ length: 8 }, () =>
          post(gateway.url, chat('gpt-4o'), { 'api-key': 'k' }).then((response) => response.status),
        ),
      );
      expect(statuses).toEqual(Array(8).fill(200));
      expect(new Set(listening().map((entry) => entry.pid)).size).toBe(2);
    } finally {
      expect(await gateway.stop('SIGTERM')).toBe(0);
      await azure.close();
    }
  });
});

describe('CORS origins and request ids', () => {
  it('echoes only configured origins (with Vary: Origin) and replaces an unusable request id', async () => {
    const gateway = await startGateway({
      env: { MULTI_AI_PROXY_CORS_ORIGINS: 'https://app.example, https://admin.example' },
    });
    try {
      const allowed = await fetch(`${gateway.url}/healthz`, {
        headers: { origin: 'https://admin.example', 'x-request-id': 'bad id with spaces' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example');
      expect(allowed.headers.get('vary')?.toLowerCase()).toContain('origin');
      expect(allowed.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
      const longest = 'a'.repeat(128);
      expect(
        (
          await fetch(`${gateway.url}/healthz`, { headers: { 'x-request-id': longest } })
        ).headers.get('x-request-id'),
      ).toBe(longest);
      expect(
        (
          await fetch(`${gateway.url}/healthz`, { headers: { 'x-request-id': `${longest}a` } })
        ).headers.get('x-request-id'),
      ).toMatch(/^req_[0-9a-f]{32}$/);
      const refused = await fetch(`${gateway.url}/v1/models`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await gateway.stop();
    }
  });
});

describe('a third-party plugin installed as the guide says, without its own @multi-ai-proxy/core', () => {
  it('loads from MULTI_AI_PROXY_PLUGIN_DIR with the gateway lending its core', async () => {
    const example = resolve(import.meta.dirname, '../../../../examples/provider-echo');
    const pluginDir = mkdtempSync(join(tmpdir(), 'map-installed-plugin-'));
    // docs/plugin-authoring.md §5–6: pack the plugin, then `npm install --legacy-peer-deps <tarball>` in a
    // folder of its own. Offline: the tarball has no dependencies, and core (a peer) must not be fetched.
    execFileSync('pnpm', ['pack', '--pack-destination', pluginDir], {
      cwd: example,
      stdio: 'ignore',
    });
    const tarball = readdirSync(pluginDir).find((name) => name.endsWith('.tgz')) as string;
    execFileSync(
      'npm',
      ['install', '--offline', '--legacy-peer-deps', '--no-audit', '--no-fund', `./${tarball}`],
      { cwd: pluginDir, stdio: 'ignore' },
    );
    expect(existsSync(join(pluginDir, 'node_modules', '@multi-ai-proxy', 'core'))).toBe(false);
    const gateway = await startGateway({
      env: { MULTI_AI_PROXY_PLUGIN_DIR: pluginDir },
      config: { providers: [{ name: 'echo', package: 'multi-ai-proxy-provider-echo' }] },
    });
    try {
      const response = await post(gateway.url, chat('echo/echo-1'));
      expect(response.status).toBe(200);
      expect(
        ((await response.json()) as { choices: Array<{ message: { role: string } }> }).choices[0]
          ?.message.role,
      ).toBe('assistant');
    } finally {
      await gateway.stop();
      rmSync(pluginDir, { recursive: true, force: true });
    }
  });
});
