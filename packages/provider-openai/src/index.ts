export { openaiProviderPlugin as default, openaiProviderPlugin } from './openai-provider-plugin.js';
