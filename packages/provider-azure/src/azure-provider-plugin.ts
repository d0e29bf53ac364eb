import { defineProviderPlugin } from '@multi-ai-proxy/core';
import { createAzureProvider } from './azure-provider.js';
import { type AzureProviderOptions, parseAzureProviderOptions } from './azure-provider-options.js';
import { VERSION } from './version.js';

/** `azure`: Azure OpenAI and Azure AI Studio serverless deployments, configured by the `AZURE_*` variables. */
export const azureProviderPlugin = defineProviderPlugin<AzureProviderOptions>({
  contractVersion: 1,
  name: 'azure',
  packageName: '@multi-ai-proxy/provider-azure',
  version: VERSION,
  detectFromEnv: (env) =>
    Boolean(env.AZURE_OPENAI_ENDPOINT?.trim() || env.AZURE_AI_STUDIO_DEPLOYMENTS?.trim()),
  parseOptions: parseAzureProviderOptions,
  createProvider: createAzureProvider,
});
