import { defineProviderPlugin } from '@multi-ai-proxy/core';
import { createGoogleProvider } from './google-provider.js';
import { type GoogleProviderOptions, parseGoogleProviderOptions } from './google-provider-options.js';
import { VERSION } from './version.js';

/** Google AI Studio (Gemini API) behind the OpenAI API. Configured by GOOGLE_AI_STUDIO_* (README). */
export const googleProviderPlugin = defineProviderPlugin<GoogleProviderOptions>({
  contractVersion: 1,
  name: 'google',
  packageName: '@multi-ai-proxy/provider-google',
  version: VERSION,
  // Google's SDKs send their key in this header; the host hands it over as credentials.headers.
  clientCredentialHeaders: ['x-goog-api-key'],
  detectFromEnv: (env) => typeof env.GOOGLE_AI_STUDIO_API_KEY === 'string' && env.GOOGLE_AI_STUDIO_API_KEY.trim().length > 0,
  parseOptions: parseGoogleProviderOptions,
  createProvider: (options, context) => createGoogleProvider(options, context),
});
