export { googleProviderPlugin as default, googleProviderPlugin } from './google-provider-plugin.js';
export { createGoogleProvider } from './google-provider.js';
export {
  DEFAULT_GOOGLE_BASE_URL,
  DEFAULT_GOOGLE_MODEL_ALIASES,
  DEFAULT_GOOGLE_MODEL_PATTERNS,
  type GoogleProviderOptions,
  parseGoogleProviderOptions,
} from './google-provider-options.js';
export { VERSION } from './version.js';
