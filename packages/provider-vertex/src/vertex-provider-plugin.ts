import { defineProviderPlugin, type ProviderV1 } from '@multi-ai-proxy/core';
import { VERSION } from './version.js';

// Stub: filled in by the provider's own issue.
export const vertexProviderPlugin = defineProviderPlugin<Record<string, never>>({
  contractVersion: 1,
  name: 'vertex',
  packageName: '@multi-ai-proxy/provider-vertex',
  version: VERSION,
  detectFromEnv: () => false,
  parseOptions: () => ({}),
  createProvider: (_options, context): ProviderV1 => ({
    contractVersion: 1,
    instanceName: context.instanceName,
    capabilities: { chatCompletions: false, streaming: false, completions: false, embeddings: false, listModels: false, passthrough: [] },
  }),
});
