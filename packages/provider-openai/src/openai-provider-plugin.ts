import { defineProviderPlugin } from '@multi-ai-proxy/core';
import { createOpenAIProvider } from './openai-provider.js';
import {
  type OpenAIProviderOptions,
  parseOpenAIProviderOptions,
} from './openai-provider-options.js';
import { detectFromEnv } from './detect-from-env.js';
import { VERSION } from './version.js';

/**
 * `openai`: OpenAI or any OpenAI-compatible server, also selected by `AZURE_OPENAI_PROXY_MODE=openai`.
 * Works without server settings: the client's
 * own key is passed on and the endpoint defaults to https://api.openai.com.
 */
export const openaiProviderPlugin = defineProviderPlugin<OpenAIProviderOptions>({
  contractVersion: 1,
  name: 'openai',
  packageName: '@multi-ai-proxy/provider-openai',
  version: VERSION,
  detectFromEnv,
  parseOptions: parseOpenAIProviderOptions,
  createProvider: createOpenAIProvider,
});
