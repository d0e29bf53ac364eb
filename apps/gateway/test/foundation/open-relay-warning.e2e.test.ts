import { describe, expect, it } from 'vitest';
import { startGateway } from '../support/start-gateway.js';

const SECRET = 'server-side-secret-1234';

/** Starts the gateway as an operator would, returns the startup log lines that name MULTI_AI_PROXY_API_KEYS. */
async function openRelayWarnings(env: Record<string, string>, config?: Record<string, unknown>) {
  const gateway = await startGateway({ env, config });
  try {
    const text = JSON.stringify(gateway.logs) + gateway.stderr();
    expect(text).not.toContain(SECRET);
    return gateway.logs.filter((line) => JSON.stringify(line).includes('MULTI_AI_PROXY_API_KEYS'));
  } finally {
    await gateway.stop();
  }
}

describe('a server-side credential without gateway keys (an open relay)', () => {
  it.each([
    ['GOOGLE_AI_STUDIO_API_KEY', { GOOGLE_AI_STUDIO_API_KEY: SECRET }, ['google']],
    ['VERTEX_AI_API_KEY', { VERTEX_AI_API_KEY: SECRET }, ['vertex']],
    ['OPENAI_API_KEY', { OPENAI_API_KEY: SECRET }, ['openai']],
    [
      'AZURE_OPENAI_API_KEY',
      { AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:9', AZURE_OPENAI_API_KEY: SECRET },
      ['azure'],
    ],
    [
      'two of them',
      { GOOGLE_AI_STUDIO_API_KEY: SECRET, OPENAI_API_KEY: SECRET },
      ['google', 'openai'],
    ],
  ])(
    '%s: one warning line names MULTI_AI_PROXY_API_KEYS and the instances, never the key',
    async (_, env, instances) => {
      const warnings = await openRelayWarnings(env);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ level: 'warn', instances });
      expect(warnings[0]?.msg).toMatch(
        /^MULTI_AI_PROXY_API_KEYS is not set: anyone who can reach the gateway uses the server-side credentials of /,
      );
    },
  );

  it('also for a key given in the config file', async () => {
    const warnings = await openRelayWarnings(
      {},
      {
        providers: [
          { name: 'oa', package: '@multi-ai-proxy/provider-openai', options: { apiKey: SECRET } },
        ],
      },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ instances: ['oa'] });
  });

  it('is silent with gateway keys, or when clients bring their own keys', async () => {
    expect(
      await openRelayWarnings({
        GOOGLE_AI_STUDIO_API_KEY: SECRET,
        MULTI_AI_PROXY_API_KEYS: 'gw-key',
      }),
    ).toEqual([]);
    // Azure and OpenAI without a server key forward the client's key: nothing of the server's to spend.
    expect(
      await openRelayWarnings({
        AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:9',
        OPENAI_API_ENDPOINT: 'http://127.0.0.1:9',
      }),
    ).toEqual([]);
  });
});
