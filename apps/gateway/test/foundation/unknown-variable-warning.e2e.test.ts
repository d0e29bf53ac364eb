import { describe, expect, it } from 'vitest';
import { startGateway } from '../support/start-gateway.js';

const ADMIN_SECRET = 'admin-secret-value-5678';

describe('MULTI_AI_PROXY_* variables the gateway does not read', () => {
  it('are named in one warning each at start-up, with the setting they probably meant, never their value', async () => {
    const gateway = await startGateway({
      env: {
        MULTI_AI_PROXY_WORKER: '3',
        MULTI_AI_PROXY_JSON_LIMT: '1mb',
        MULTI_AI_PROXY_ADMIN_KEY: ADMIN_SECRET,
      },
      // The config file reads the admin key as ${VAR}: that variable is in use.
      config: { admin: { key: `${'$'}{MULTI_AI_PROXY_ADMIN_KEY}` } },
    });
    try {
      const warnings = gateway.logs.filter(
        (line) => line.msg === 'environment variable is not a gateway setting and is ignored',
      );
      expect(warnings.map((line) => [line.variable, line.didYouMean]).sort()).toEqual([
        ['MULTI_AI_PROXY_JSON_LIMT', 'MULTI_AI_PROXY_JSON_LIMIT'],
        ['MULTI_AI_PROXY_WORKER', 'MULTI_AI_PROXY_WORKERS'],
      ]);
      expect(warnings.every((line) => line.level === 'warn')).toBe(true);
      expect(JSON.stringify(gateway.logs) + gateway.stderr()).not.toContain(ADMIN_SECRET);
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});
