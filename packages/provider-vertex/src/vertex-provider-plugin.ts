import { defineProviderPlugin } from '@multi-ai-proxy/core';
import { createVertexProvider } from './create-vertex-provider.js';
import { parseVertexOptions, type VertexOptions } from './parse-vertex-options.js';
import { detectFromEnv } from './detect-from-env.js';
import { VERSION } from './version.js';

export const vertexProviderPlugin = defineProviderPlugin<VertexOptions>({
  contractVersion: 1,
  name: 'vertex',
  packageName: '@multi-ai-proxy/provider-vertex',
  version: VERSION,
  detectFromEnv,
  parseOptions: parseVertexOptions,
  createProvider: createVertexProvider,
});
