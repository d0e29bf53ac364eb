import { createHttpClient, InvalidPluginOptionsError, type PluginContextV1, type ProviderV1 } from '@multi-ai-proxy/core';
import { createRemoteMediaFetcher, type FetchMedia } from '@multi-ai-proxy/provider-google/internal';
import type { Got } from 'got';
import { createVertexAuth } from './create-vertex-auth.js';
import { createVertexChatCompletion } from './create-vertex-chat-completion.js';
import { createVertexCompletion } from './create-vertex-completion.js';
import { createVertexEmbedding } from './create-vertex-embedding.js';
import { createVertexModelCatalog } from './create-vertex-model-catalog.js';
import type { VertexOptions } from './parse-vertex-options.js';
import { resolveVertexUpstreamModel } from './resolve-vertex-upstream-model.js';
import type { VertexUpstream } from './vertex-upstream.js';

/** Seams for tests; the gateway passes none. */
export interface VertexProviderOverrides {
  /** Replaces the HTTP client (tests route the real Vertex hosts to a local mock through its handlers). */
  httpClient?: Got;
}

/** One Vertex AI provider instance: one got client, one token cache, one model cache. */
export async function createVertexProvider(options: VertexOptions, context: PluginContextV1, overrides: VertexProviderOverrides = {}): Promise<ProviderV1> {
  const provider = context.instanceName;
  const { auth, projectId: credentialsProject } = await createVertexAuth(options.auth, provider);
  const projectId = options.auth.kind === 'api-key' ? undefined : (options.projectId ?? credentialsProject);
  if (options.auth.kind !== 'api-key' && projectId === undefined) {
    throw new InvalidPluginOptionsError(provider, 'VERTEX_AI_PROJECT_ID', 'is not set and the credentials name no project. Set VERTEX_AI_PROJECT_ID.');
  }
  const upstream: VertexUpstream = {
    provider,
    // No got timeout: calls pass responseTimeoutMs, enforced by one timer in core (cheaper).
    client: overrides.httpClient ?? createHttpClient(),
    endpoint: { baseUrl: options.baseUrl, apiVersion: options.apiVersion, projectId, location: options.location },
    auth,
    timeoutMs: context.upstreamTimeoutMs,
  };
  const fetchMedia: FetchMedia | undefined = options.remoteMedia.enabled
    ? createRemoteMediaFetcher({ maxBytes: options.remoteMedia.maxBytes, timeoutMs: options.remoteMedia.timeoutMs, allowPrivateNetwork: options.remoteMedia.allowPrivateNetwork })
    : undefined;
  const catalog = createVertexModelCatalog(upstream, options.modelsCacheTtlMs);
  // A Map, not the options object: `constructor` / `__proto__` must not resolve through the prototype.
  const aliases = new Map(Object.entries(options.modelAliases));
  const mapModel = (model: string): string | undefined => aliases.get(model.toLowerCase());

  return {
    contractVersion: 1,
    instanceName: provider,
    capabilities: { chatCompletions: true, streaming: true, completions: true, embeddings: true, listModels: true, passthrough: [] },
    modelPatterns: options.modelPatterns,
    mapModel,
    knownModels: () => catalog.known(),
    async createChatCompletion(request, callContext) {
      return createVertexChatCompletion(upstream, request, callContext, { modelId: resolveVertexUpstreamModel(request?.model, callContext, mapModel), fetchMedia });
    },
    async createCompletion(request, callContext) {
      return createVertexCompletion(upstream, request, callContext, { modelId: resolveVertexUpstreamModel(request?.model, callContext, mapModel) });
    },
    async createEmbedding(request, callContext) {
      return { kind: 'json', body: await createVertexEmbedding(upstream, request, callContext, resolveVertexUpstreamModel(request?.model, callContext, mapModel)) };
    },
    listModels: (callContext) => catalog.list(callContext),
  };
}
