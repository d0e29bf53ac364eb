import { defineProviderPlugin } from '@multi-ai-proxy/core';
import { createGoogleProvider } from './google-provider.js';
import {
  type GoogleProviderOptions,
  parseGoogleProviderOptions,
} from './google-provider-options.js';
import { GOOGLE_API_KEY_HEADER } from './resolve-google-api-key.js';
import { detectFromEnv } from './detect-from-env.js';
import { VERSION } from './version.js';

/** Google AI Studio (Gemini API) behind the OpenAI API. Configured by GOOGLE_AI_STUDIO_* (README). */
export const googleProviderPlugin = defineProviderPlugin<GoogleProviderOptions>({
  contractVersion: 1,
  name: 'google',
  packageName: '@multi-ai-proxy/provider-google',
  version: VERSION,
  // A client's own Gemini key (GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY): the host strips it from the
  // forwarded headers and hands it over in `credentials.headers`.
  clientCredentialHeaders: [GOOGLE_API_KEY_HEADER],
  detectFromEnv,
  parseOptions: parseGoogleProviderOptions,
  createProvider: (options, context) => createGoogleProvider(options, context),
});
