import { defineProviderPlugin } from '@multi-ai-proxy/core';
import { createEchoProvider } from './create-echo-provider.js';
import { parseEchoProviderOptions } from './echo-provider-options.js';
import { VERSION } from './version.js';

/** The manifest the gateway imports (the package's default export). */
export const echoProviderPlugin = defineProviderPlugin({
  contractVersion: 1,
  name: 'echo',
  packageName: 'multi-ai-proxy-provider-echo',
  version: VERSION,
  // Auto-load when the environment names echo models; otherwise only when the config file lists it.
  detectFromEnv: (env) => Boolean(env.ECHO_PROVIDER_MODELS?.trim()),
  parseOptions: parseEchoProviderOptions,
  createProvider: createEchoProvider,
});
