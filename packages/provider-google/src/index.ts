export { googleProviderPlugin as default, googleProviderPlugin } from './google-provider-plugin.js';
