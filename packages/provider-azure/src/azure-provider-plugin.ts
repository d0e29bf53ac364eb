import { defineProviderPlugin } from '@multi-ai-proxy/core';
import { createAzureProvider } from './azure-provider.js';
import { type AzureProviderOptions, parseAzureProviderOptions } from './azure-provider-options.js';
import { detectFromEnv } from './detect-from-env.js';
import { VERSION } from './version.js';

/** `azure`: Azure OpenAI and Azure AI Studio serverless deployments, configured by the `AZURE_*` variables. */
export const azureProviderPlugin = defineProviderPlugin<AzureProviderOptions>({
  contractVersion: 1,
  name: 'azure',
  packageName: '@multi-ai-proxy/provider-azure',
  version: VERSION,
  detectFromEnv,
  parseOptions: parseAzureProviderOptions,
  createProvider: createAzureProvider,
});
