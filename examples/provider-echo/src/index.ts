export { createEchoProvider } from './create-echo-provider.js';
export { echoProviderPlugin as default, echoProviderPlugin } from './echo-provider-plugin.js';
export type { EchoProviderOptions } from './echo-provider-options.js';
export { VERSION } from './version.js';
