import {
  InvalidPluginOptionsError,
  InvalidRequestError,
  type PluginContextV1,
  type ProviderV1,
  UnsupportedOperationError,
} from '@multi-ai-proxy/core';
import { createHttpClient, createRemoteMediaFetcher } from '@multi-ai-proxy/core/provider-utils';
import {
  createGeminiEngine,
  createGeminiMedia,
  forwardNativeRequest,
  GEMINI_MEDIA_OPERATIONS,
  type GeminiEngineSettings,
  readNativePath,
} from '@multi-ai-proxy/provider-google/internal';
import type { Got } from 'got';
import {
  buildVertexBaseUrl,
  buildVertexModelPath,
  type VertexEndpoint,
} from './build-vertex-model-url.js';
import { createVertexAuth } from './create-vertex-auth.js';
import { createVertexEmbedding } from './create-vertex-embedding.js';
import { createVertexModelCatalog } from './create-vertex-model-catalog.js';
import { createVertexModelGarden } from './create-vertex-model-garden.js';
import { unionModelIds } from './union-model-ids.js';
import type { VertexOptions } from './parse-vertex-options.js';

/** Seams for tests; the gateway passes none. */
export interface VertexProviderOverrides {
  /** Replaces the HTTP client (tests route the real Vertex hosts to a local mock through its handlers). */
  httpClient?: Got;
}

/**
 * One Vertex AI provider instance: provider-google's Gemini engine on Vertex's URLs (project,
 * location, `publishers/google/models/{m}`) with Vertex's authentication; its own model catalog and
 * `:predict` embeddings.
 */
export async function createVertexProvider(
  options: VertexOptions,
  context: PluginContextV1,
  overrides: VertexProviderOverrides = {},
): Promise<ProviderV1> {
  const provider = context.instanceName;
  const { auth, projectId: credentialsProject } = await createVertexAuth(options.auth, provider);
  const projectId =
    options.auth.kind === 'api-key' ? undefined : (options.projectId ?? credentialsProject);
  if (options.auth.kind !== 'api-key' && projectId === undefined) {
    throw new InvalidPluginOptionsError(
      provider,
      'VERTEX_AI_PROJECT_ID',
      'is not set and the credentials name no project. Set VERTEX_AI_PROJECT_ID.',
    );
  }
  const endpoint: VertexEndpoint = {
    baseUrl: options.baseUrl,
    apiVersion: options.apiVersion,
    projectId,
    location: options.location,
  };
  const settings: GeminiEngineSettings = {
    provider,
    upstreamName: 'Vertex AI',
    // No got timeout: calls pass timeoutMs, enforced by one timer in core (cheaper).
    client: overrides.httpClient ?? createHttpClient(),
    timeoutMs: context.upstreamTimeoutMs,
    baseUrl: buildVertexBaseUrl(endpoint),
    modelPath: buildVertexModelPath,
    authHeaders: () => auth.authHeaders(),
    flavor: 'vertex',
    fetchMedia: options.remoteMedia.enabled
      ? createRemoteMediaFetcher({
          maxBytes: options.remoteMedia.maxBytes,
          timeoutMs: options.remoteMedia.timeoutMs,
          allowPrivateNetwork: options.remoteMedia.allowPrivateNetwork,
        })
      : undefined,
  };
  const engine = createGeminiEngine(settings);
  const media = createGeminiMedia({ settings, engine });
  const catalog = createVertexModelCatalog(settings, endpoint, options.modelsCacheTtlMs);
  // A Map, not the options object: `constructor` / `__proto__` must not resolve through the prototype.
  const aliases = new Map(Object.entries(options.modelAliases));
  // Model Garden ids and endpoint aliases; everything else is a Google publisher model (the engine).
  const garden = createVertexModelGarden(options.modelGarden, {
    engine: settings,
    apiVersion: options.apiVersion,
    baseUrl: options.baseUrl,
    projectId,
    location: options.location,
  });
  const knownModels = unionModelIds(() => catalog.known(), garden.ids);
  const notForGarden = (operation: string, model: string | undefined) =>
    new UnsupportedOperationError(operation, provider, {
      detail: `\`${model}\` is served by a Vertex AI OpenAI-compatible endpoint, which answers chat completions only.`,
    });

  return {
    contractVersion: 1,
    instanceName: provider,
    capabilities: {
      chatCompletions: true,
      streaming: true,
      completions: true,
      embeddings: true,
      listModels: true,
      passthrough: ['vertex.native', ...GEMINI_MEDIA_OPERATIONS],
    },
    modelPatterns: options.modelPatterns,
    // The alias tables for the host, which resolves the model once (endpoint aliases first).
    mapModel: (model) => garden.mapModel(model) ?? aliases.get(model.toLowerCase()),
    knownModels,
    // async: a refusal (express mode, chat-only endpoints) is a rejected promise, never a synchronous throw.
    createChatCompletion: async (request, callContext) =>
      (garden.resolve(callContext.upstreamModel) ?? engine).createChatCompletion(
        request,
        callContext,
      ),
    async createCompletion(request, callContext) {
      const target = garden.resolve(callContext.upstreamModel);
      if (target === undefined) return engine.createCompletion(request, callContext);
      if (target.createCompletion === undefined)
        throw notForGarden('completions', callContext.model);
      return target.createCompletion(request, callContext);
    },
    // Google's publisher models are counted by `:countTokens`; Model Garden ids and endpoint aliases
    // are refused as unsupported, which the gateway answers with its estimate.
    async countTokens(request, callContext) {
      if (garden.resolve(callContext.upstreamModel) !== undefined)
        throw notForGarden('token counting', callContext.model);
      return engine.countTokens(request, callContext);
    },
    async createEmbedding(request, callContext) {
      if (garden.resolve(callContext.upstreamModel) !== undefined)
        throw notForGarden('embeddings', callContext.model);
      return createVertexEmbedding(engine, settings, request, callContext);
    },
    // Google's publisher models, then the configured Model Garden ids and endpoint aliases.
    listModels: async (callContext) => [...(await catalog.list(callContext)), ...garden.models],
    // `/vertex/v1/projects/{this project}/…` (express mode: `/vertex/v1/publishers/…`): Vertex AI as it is, with this instance's token.
    // `/v1/images/*` and `/v1/audio/*`: translated by the shared Gemini media operations.
    async passthrough(request, callContext) {
      if (media.serves(request.operation))
        return media.handle({ ...request, operation: request.operation }, callContext);
      if (request.operation !== 'vertex.native')
        throw new UnsupportedOperationError(request.operation, provider, { status: 404 });
      const path = readNativePath(request.params.rest, ['v1', 'v1beta1'], '/vertex/');
      const scope = projectId === undefined ? '/publishers/' : `/projects/${projectId}/`;
      if (!path.slice(path.indexOf('/', 1)).startsWith(scope)) {
        // The server's token may reach other projects: only this instance's project is forwarded.
        throw new InvalidRequestError(
          `/vertex/ forwards paths under ${scope.slice(0, -1)} only (this instance's ${projectId === undefined ? 'express mode' : 'project'}).`,
          { param: 'path', code: 'invalid_path', status: 403 },
        );
      }
      return forwardNativeRequest(settings, options.baseUrl, path, request, callContext);
    },
  };
}
