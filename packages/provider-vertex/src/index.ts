export { vertexProviderPlugin as default, vertexProviderPlugin } from './vertex-provider-plugin.js';
