import { checkPluginManifest } from '@multi-ai-proxy/core/testing';
import { describe, expect, it } from 'vitest';
import { azureProviderPlugin } from './azure-provider-plugin.js';
import * as pluginModule from './index.js';

describe('azure provider plugin', () => {
  it('passes the host contract checks with an environment-only configuration', async () => {
    const { provider } = await checkPluginManifest(pluginModule, {
      packageName: '@multi-ai-proxy/provider-azure',
      packageJson: new URL('../package.json', import.meta.url),
      env: { AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com' },
    });
    expect(provider.instanceName).toBe('azure');
    expect(provider.capabilities).toMatchObject({
      chatCompletions: true,
      streaming: true,
      completions: true,
      embeddings: true,
      listModels: true,
    });
    expect(provider.capabilities.passthrough).toContain('audio.transcriptions');
    expect(provider.capabilities.passthrough).not.toContain('audio.voices');
    expect(provider.modelPatterns).toContain('gpt-*');
    expect(provider.mapModel?.('unknown-model')).toBeUndefined();
  });

  it('fails at load, naming the variable, when loaded by AZURE_OPENAI_PROXY_MODE without an endpoint', async () => {
    await expect(
      checkPluginManifest(pluginModule, { packageName: '@multi-ai-proxy/provider-azure', env: {} }),
    ).rejects.toThrow(/AZURE_OPENAI_ENDPOINT is not set/);
  });

  it('is detected from AZURE_OPENAI_ENDPOINT or AZURE_AI_STUDIO_DEPLOYMENTS', () => {
    expect(azureProviderPlugin.detectFromEnv?.({})).toBe(false);
    expect(azureProviderPlugin.detectFromEnv?.({ AZURE_OPENAI_API_KEY: 'k' })).toBe(false);
    expect(
      azureProviderPlugin.detectFromEnv?.({
        AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com',
      }),
    ).toBe(true);
    expect(azureProviderPlugin.detectFromEnv?.({ AZURE_AI_STUDIO_DEPLOYMENTS: 'a=B:c' })).toBe(
      true,
    );
  });
});
