import { describe, expect, it } from 'vitest';
import { parseAzureProviderOptions } from './azure-provider-options.js';

const E = 'https://res.openai.azure.com';

function failure(raw: unknown, env: Record<string, string>): string {
  try {
    parseAzureProviderOptions(raw, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('parseAzureProviderOptions', () => {
  it('applies the documented defaults', () => {
    const options = parseAzureProviderOptions({}, { AZURE_OPENAI_ENDPOINT: `${E}/` });
    expect(options).toMatchObject({
      endpoint: E,
      apiKey: undefined,
      apiVersion: '2025-04-01-preview',
      modelsApiVersion: '2024-10-21',
      responsesApiVersion: undefined,
      apiSurface: 'deployments',
      serverlessEndpointTemplate: 'https://{name}.{region}.models.ai.azure.com',
      modelsCacheTtlMs: 300_000,
      warnings: [],
    });
  });

  it('reads every variable, and raw options win over the environment', () => {
    const env = {
      AZURE_OPENAI_ENDPOINT: 'http://env',
      AZURE_OPENAI_API_KEY: 'k',
      AZURE_OPENAI_APIVERSION: '2024-10-21',
      AZURE_OPENAI_MODELS_APIVERSION: 'm',
      AZURE_OPENAI_RESPONSES_APIVERSION: 'preview',
      AZURE_OPENAI_API_SURFACE: 'V1',
      AZURE_OPENAI_MODEL_MAPPER: 'a=b',
      AZURE_OPENAI_MODELS_CACHE_TTL_SECONDS: '0',
    };
    expect(parseAzureProviderOptions({}, env)).toMatchObject({
      endpoint: 'http://env',
      apiKey: 'k',
      apiVersion: '2024-10-21',
      modelsApiVersion: 'm',
      responsesApiVersion: 'preview',
      apiSurface: 'v1',
      modelsCacheTtlMs: 0,
    });
    const raw = parseAzureProviderOptions(
      {
        endpoint: 'http://raw/prefix',
        modelMapper: { 'GPT-X': 'dep' },
        serverlessDeployments: { phi: { name: 'P', region: 'eu', apiKey: 'pk' } },
      },
      env,
    );
    expect(raw.endpoint).toBe('http://raw/prefix');
    expect(raw.modelMapper).toEqual(new Map([['gpt-x', 'dep']]));
    expect(raw.serverlessDeployments.get('phi')).toEqual({
      model: 'phi',
      name: 'P',
      region: 'eu',
      apiKey: 'pk',
    });
  });

  it('reads the Responses-only model list: default, replaced (env or file), or turned off with none', () => {
    const env = { AZURE_OPENAI_ENDPOINT: E };
    expect(parseAzureProviderOptions({}, env).responsesOnlyModels).toContain('gpt-5-codex');
    expect(
      parseAzureProviderOptions(
        {},
        { ...env, AZURE_OPENAI_RESPONSES_ONLY_MODELS: ' My-Codex , o3-pro,' },
      ).responsesOnlyModels,
    ).toEqual(['my-codex', 'o3-pro']);
    expect(
      parseAzureProviderOptions(
        { responsesOnlyModels: ['x'] },
        { ...env, AZURE_OPENAI_RESPONSES_ONLY_MODELS: 'y' },
      ).responsesOnlyModels,
    ).toEqual(['x']);
    expect(
      parseAzureProviderOptions({}, { ...env, AZURE_OPENAI_RESPONSES_ONLY_MODELS: 'none' })
        .responsesOnlyModels,
    ).toEqual([]);
  });

  it('parses serverless deployments with both key spellings, and reports problems', () => {
    const options = parseAzureProviderOptions(
      {},
      {
        AZURE_AI_STUDIO_DEPLOYMENTS:
          ' Mistral-Large-2407 = Mistral-large2:swedencentral ,llama=L:r,broken=x,also=a:b:c,nokey=N:w',
        'AZURE_OPENAI_KEY_MISTRAL-LARGE-2407': 'dash-key',
        AZURE_OPENAI_KEY_LLAMA: 'llama-key',
      },
    );
    expect(options.endpoint).toBeUndefined();
    expect([...options.serverlessDeployments.keys()]).toEqual([
      'mistral-large-2407',
      'llama',
      'nokey',
    ]);
    expect(options.serverlessDeployments.get('mistral-large-2407')).toEqual({
      model: 'Mistral-Large-2407',
      name: 'Mistral-large2',
      region: 'swedencentral',
      apiKey: 'dash-key',
    });
    expect(options.warnings).toHaveLength(3);
    expect(options.warnings[2]).toContain('AZURE_OPENAI_KEY_NOKEY');
    const underscore = parseAzureProviderOptions(
      {},
      {
        AZURE_AI_STUDIO_DEPLOYMENTS: 'mistral-large-2407=M:r',
        AZURE_OPENAI_KEY_MISTRAL_LARGE_2407: 'u',
      },
    );
    expect(underscore.serverlessDeployments.get('mistral-large-2407')?.apiKey).toBe('u');
  });

  it('fails with the setting named, never the value', () => {
    expect(failure({}, {})).toMatch(/AZURE_OPENAI_ENDPOINT is not set/);
    expect(failure({}, { AZURE_OPENAI_ENDPOINT: 'res.openai.azure.com/s3cr3t' })).toMatch(
      /AZURE_OPENAI_ENDPOINT must be an absolute/,
    );
    expect(failure({}, { AZURE_OPENAI_ENDPOINT: 'res.openai.azure.com/s3cr3t' })).not.toContain(
      's3cr3t',
    );
    expect(failure({}, { AZURE_OPENAI_ENDPOINT: E, AZURE_OPENAI_API_SURFACE: 'classic' })).toMatch(
      /AZURE_OPENAI_API_SURFACE/,
    );
    expect(
      failure({}, { AZURE_OPENAI_ENDPOINT: E, AZURE_AI_STUDIO_ENDPOINT_TEMPLATE: 'nope' }),
    ).toMatch(/AZURE_AI_STUDIO_ENDPOINT_TEMPLATE/);
    expect(
      failure({}, { AZURE_OPENAI_ENDPOINT: E, AZURE_OPENAI_MODELS_CACHE_TTL_SECONDS: 'x' }),
    ).toMatch(/CACHE_TTL/);
    expect(failure({ apiKey: 1 }, { AZURE_OPENAI_ENDPOINT: E })).toMatch(
      /options.apiKey must be a string/,
    );
    expect(failure([], {})).toMatch(/options must be an object/);
  });
});
