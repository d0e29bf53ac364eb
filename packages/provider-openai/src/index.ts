export { openaiProviderPlugin as default, openaiProviderPlugin } from './openai-provider-plugin.js';
export { createOpenAIProvider } from './openai-provider.js';
export {
  DEFAULT_OPENAI_ENDPOINT,
  type OpenAIProviderOptions,
  parseOpenAIProviderOptions,
} from './openai-provider-options.js';
