import { describe, expect, it } from 'vitest';
import { parseAnthropicProviderOptions } from './anthropic-provider-options.js';
import { detectFromEnv as detectAnthropicFromEnv } from './detect-from-env.js';

describe('parseAnthropicProviderOptions', () => {
  it("Claude Code's Foundry variables: resource name → the Foundry base URL", () => {
    const options = parseAnthropicProviderOptions(
      {},
      { ANTHROPIC_FOUNDRY_RESOURCE: 'my-res', ANTHROPIC_FOUNDRY_API_KEY: 'k' },
    );
    expect(options.upstream).toEqual({
      kind: 'foundry',
      baseUrl: 'https://my-res.services.ai.azure.com/anthropic',
      apiKey: 'k',
    });
    expect(options.modelPatterns).toEqual(['claude-*']);
  });
  it('a base URL loses a trailing slash and /v1', () => {
    expect(
      parseAnthropicProviderOptions(
        {},
        { ANTHROPIC_FOUNDRY_BASE_URL: 'https://r.services.ai.azure.com/anthropic/v1/' },
      ).upstream,
    ).toMatchObject({ baseUrl: 'https://r.services.ai.azure.com/anthropic' });
  });
  it("Claude Code's Vertex variables: project and region → the regional host; global → aiplatform.googleapis.com", () => {
    expect(
      parseAnthropicProviderOptions(
        {},
        { ANTHROPIC_VERTEX_PROJECT_ID: 'p', CLOUD_ML_REGION: 'us-east5' },
      ).upstream,
    ).toEqual({
      kind: 'vertex',
      baseUrl: 'https://us-east5-aiplatform.googleapis.com',
      projectId: 'p',
      region: 'us-east5',
      auth: { kind: 'application-default', keyFile: undefined },
    });
    expect(
      parseAnthropicProviderOptions({}, { ANTHROPIC_VERTEX_PROJECT_ID: 'p' }).upstream,
    ).toMatchObject({ baseUrl: 'https://aiplatform.googleapis.com', region: 'global' });
  });
  it('CLAUDE_CODE_USE_VERTEX wins over a Foundry variable; ANTHROPIC_UPSTREAM over both', () => {
    expect(
      parseAnthropicProviderOptions(
        {},
        {
          CLAUDE_CODE_USE_VERTEX: '1',
          ANTHROPIC_FOUNDRY_RESOURCE: 'r',
          ANTHROPIC_VERTEX_PROJECT_ID: 'p',
        },
      ).upstream.kind,
    ).toBe('vertex');
    expect(
      parseAnthropicProviderOptions(
        {},
        { ANTHROPIC_UPSTREAM: 'anthropic', ANTHROPIC_FOUNDRY_RESOURCE: 'r' },
      ).upstream,
    ).toEqual({ kind: 'anthropic', baseUrl: 'https://api.anthropic.com', apiKey: undefined });
  });
  it('errors name the variable, never the value', () => {
    expect(() => parseAnthropicProviderOptions({}, { ANTHROPIC_UPSTREAM: 'foundry' })).toThrow(
      /ANTHROPIC_FOUNDRY_BASE_URL/,
    );
    expect(() =>
      parseAnthropicProviderOptions({}, { ANTHROPIC_FOUNDRY_BASE_URL: 'ftp://secret-host' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret-host') }));
    expect(() =>
      parseAnthropicProviderOptions(
        {},
        { ANTHROPIC_VERTEX_PROJECT_ID: 'p', CLOUD_ML_REGION: 'US East' },
      ),
    ).toThrow(/CLOUD_ML_REGION/);
    expect(() =>
      parseAnthropicProviderOptions(
        {},
        {
          ANTHROPIC_VERTEX_PROJECT_ID: 'p',
          GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/key.json',
        },
      ),
    ).toThrow(/GOOGLE_APPLICATION_CREDENTIALS/);
  });
  it('detectFromEnv: a Foundry resource, a Vertex project or an API key', () => {
    expect(detectAnthropicFromEnv({})).toBe(false);
    expect(detectAnthropicFromEnv({ CLOUD_ML_REGION: 'us-east5' })).toBe(false);
    expect(
      detectAnthropicFromEnv({
        ANTHROPIC_FOUNDRY_BASE_URL: 'https://r.services.ai.azure.com/anthropic',
      }),
    ).toBe(true);
    expect(detectAnthropicFromEnv({ ANTHROPIC_VERTEX_PROJECT_ID: 'p' })).toBe(true);
    expect(detectAnthropicFromEnv({ ANTHROPIC_API_KEY: ' ' })).toBe(false);
  });
});
