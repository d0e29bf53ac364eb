import type { ProviderPluginV1 } from './provider-plugin-v1.js';

/** Identity helper: gives a plugin manifest its type (and `Options` inference) without a class. */
export function defineProviderPlugin<Options>(
  plugin: ProviderPluginV1<Options>,
): ProviderPluginV1<Options> {
  return plugin;
}
