export { azureProviderPlugin as default, azureProviderPlugin } from './azure-provider-plugin.js';
