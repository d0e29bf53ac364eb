import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from './load-environment.js';

describe('loadEnvironment', () => {
  it('completes the environment from ./.env without overriding real variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-env-'));
    writeFileSync(
      join(dir, '.env'),
      'AZURE_OPENAI_ENDPOINT=https://from-file.example\nAZURE_OPENAI_PROXY_MODE=google\n# comment\nAZURE_OPENAI_KEY_MISTRAL-LARGE=dash-key\n',
    );
    const env = loadEnvironment({ AZURE_OPENAI_PROXY_MODE: 'azure' }, dir);
    expect(env.AZURE_OPENAI_ENDPOINT).toBe('https://from-file.example');
    expect(env.AZURE_OPENAI_PROXY_MODE).toBe('azure');
    // Names with dashes survive a .env file (a shell would drop them).
    expect(env['AZURE_OPENAI_KEY_MISTRAL-LARGE']).toBe('dash-key');
  });

  it('is the process environment when there is no .env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-env-'));
    expect(loadEnvironment({ A: '1' }, dir)).toEqual({ A: '1' });
  });
});
