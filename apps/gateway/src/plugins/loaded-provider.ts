import type { ProviderPluginV1, ProviderV1 } from '@multi-ai-proxy/core';

/** A provider instance with the plugin that made it, as the registry keeps it. */
export interface LoadedProvider {
  provider: ProviderV1;
  plugin: ProviderPluginV1;
  configKey: string;
  /** Calls its upstream with a credential of the server, not the client's (warn-open-relay.ts). */
  holdsServerSideCredential: boolean;
}
