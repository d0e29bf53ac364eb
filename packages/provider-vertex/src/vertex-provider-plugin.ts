import { defineProviderPlugin, type EnvV1 } from '@multi-ai-proxy/core';
import { createVertexProvider } from './create-vertex-provider.js';
import { parseVertexOptions, type VertexOptions } from './parse-vertex-options.js';
import { VERSION } from './version.js';

export const vertexProviderPlugin = defineProviderPlugin<VertexOptions>({
  contractVersion: 1,
  name: 'vertex',
  packageName: '@multi-ai-proxy/provider-vertex',
  version: VERSION,
  detectFromEnv: detectVertexFromEnv,
  parseOptions: parseVertexOptions,
  createProvider: createVertexProvider,
});

/**
 * The environment configures Vertex AI when VERTEX_AI_PROJECT_ID or VERTEX_AI_API_KEY is set.
 * GOOGLE_APPLICATION_CREDENTIALS alone does not: many Google client libraries read it, and a gateway
 * that also talks to other Google services must not start a Vertex provider because of it. (With
 * AZURE_OPENAI_PROXY_MODE=vertex the key file's project_id is enough.)
 */
function detectVertexFromEnv(env: EnvV1): boolean {
  return Boolean(env.VERTEX_AI_PROJECT_ID?.trim() || env.VERTEX_AI_API_KEY?.trim());
}
