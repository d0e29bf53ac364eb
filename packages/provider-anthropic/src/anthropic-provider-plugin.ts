import { defineProviderPlugin } from '@multi-ai-proxy/core';
import {
  type AnthropicProviderOptions,
  parseAnthropicProviderOptions,
} from './anthropic-provider-options.js';
import { detectFromEnv } from './detect-from-env.js';
import { createAnthropicProvider } from './create-anthropic-provider.js';
import { VERSION } from './version.js';

/**
 * `anthropic`: Claude on Azure AI Foundry, Vertex AI or Anthropic's API. Configured from the same
 * variables Claude Code reads (`ANTHROPIC_FOUNDRY_*`, `ANTHROPIC_VERTEX_PROJECT_ID`, `CLOUD_ML_REGION`);
 * a client's `x-api-key` is passed on when the instance has no key of its own.
 */
export const anthropicProviderPlugin = defineProviderPlugin<AnthropicProviderOptions>({
  contractVersion: 1,
  name: 'anthropic',
  packageName: '@multi-ai-proxy/provider-anthropic',
  version: VERSION,
  detectFromEnv,
  clientCredentialHeaders: ['x-api-key'],
  parseOptions: parseAnthropicProviderOptions,
  createProvider: (options, context) => createAnthropicProvider(options, context),
});
