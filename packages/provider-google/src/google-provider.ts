import type { CallContextV1, OpenAIModel, PluginContextV1, ProviderV1 } from '@multi-ai-proxy/core';
import { InvalidRequestError, UnsupportedOperationError } from '@multi-ai-proxy/core';
import {
  createHttpClient,
  createKeyedTtlCache,
  createRemoteMediaFetcher,
  joinUrl,
} from '@multi-ai-proxy/core/provider-utils';
import { convertGoogleModels, stripModelsPrefix } from './convert-google-models.js';
import { createGeminiEngine } from './create-gemini-engine.js';
import { createGeminiMedia, GEMINI_MEDIA_OPERATIONS } from './create-gemini-media.js';
import { forwardNativeRequest } from './forward-native-request.js';
import type { GeminiEngineSettings } from './gemini-engine-settings.js';
import type { GoogleListModelsResponse, GoogleModel } from './google-api-types.js';
import type { GoogleProviderOptions } from './google-provider-options.js';
import { readNativePath } from './read-native-path.js';
import { requestGeminiJson } from './request-gemini-json.js';
import { GOOGLE_API_KEY_HEADER, resolveGoogleApiKey } from './resolve-google-api-key.js';

// `gemini-2.5-flash`, `tunedModels/x`: nothing that could change the URL path beyond one segment.
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9._-]+)?$/;
const MAX_MODEL_PAGES = 50;

/** A Google AI Studio (Gemini API) provider instance: the Gemini engine with an API key and `models/{m}` paths. */
export function createGoogleProvider(
  options: GoogleProviderOptions,
  context: Pick<PluginContextV1, 'instanceName' | 'upstreamTimeoutMs'>,
): ProviderV1 {
  const provider = context.instanceName;
  const apiKeyFor = (call: CallContextV1): string =>
    resolveGoogleApiKey(options.apiKey, call.credentials, options.acceptClientKey);
  const settings: GeminiEngineSettings = {
    provider,
    upstreamName: 'the Gemini API',
    // No got timeout: each call passes timeoutMs, enforced by one timer in core (cheaper).
    client: createHttpClient(),
    timeoutMs: context.upstreamTimeoutMs,
    baseUrl: joinUrl(options.baseUrl, `/${options.apiVersion}`),
    modelPath: (model) => {
      const id = stripModelsPrefix(model);
      if (!MODEL_ID.test(id))
        throw new InvalidRequestError(`"${model}" is not a valid Gemini model id.`, {
          param: 'model',
        });
      return id.includes('/') ? id : `models/${id}`;
    },
    authHeaders: async (call) => ({ [GOOGLE_API_KEY_HEADER]: apiKeyFor(call) }),
    flavor: 'gemini',
    fetchMedia: options.remoteMedia.enabled
      ? createRemoteMediaFetcher({
          maxBytes: options.remoteMedia.maxBytes,
          timeoutMs: options.remoteMedia.timeoutMs,
          allowPrivateNetwork: options.remoteMedia.allowPrivateNetwork,
        })
      : undefined,
    jsonSchema: options.jsonSchema,
    embedBatchSize: options.embedBatchSize,
  };
  const engine = createGeminiEngine(settings);
  const media = createGeminiMedia({ settings, engine });
  // Keyed by the key the listing was made with: one client's key (and what it may see, or its failure)
  // is never served to another. Only the server key's listing feeds knownModels().
  const listings = createKeyedTtlCache<{ models: OpenAIModel[]; ids: ReadonlySet<string> }>({
    ttlMs: options.modelsCacheTtlMs,
    primaryKey: options.apiKey,
  });
  // A Map, not the options object: `constructor` / `__proto__` must not resolve through the prototype.
  const aliases = new Map(Object.entries(options.aliases));

  async function fetchModels(apiKey: string, call: CallContextV1): Promise<OpenAIModel[]> {
    const collected: GoogleModel[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_MODEL_PAGES; page++) {
      const search = new URLSearchParams({ pageSize: '1000' });
      if (pageToken) search.set('pageToken', pageToken);
      // No client signal: concurrent callers with this key share the listing; one leaving must not fail it.
      const body = await requestGeminiJson<GoogleListModelsResponse>(
        settings,
        {
          url: joinUrl(settings.baseUrl, '/models', search.toString()),
          method: 'GET',
          headers: { [GOOGLE_API_KEY_HEADER]: apiKey },
        },
        call,
      );
      collected.push(...(body.models ?? []));
      pageToken = body.nextPageToken || undefined;
      if (!pageToken) break;
    }
    return convertGoogleModels(collected);
  }

  return {
    contractVersion: 1,
    instanceName: provider,
    capabilities: {
      chatCompletions: true,
      streaming: true,
      completions: true,
      embeddings: true,
      listModels: true,
      passthrough: ['gemini.native', ...GEMINI_MEDIA_OPERATIONS],
    },
    modelPatterns: options.modelPatterns,
    // The alias table (and `models/…` names) for the host, which resolves the model once.
    mapModel: (model) => {
      const aliased = aliases.get(model.toLowerCase());
      if (aliased !== undefined) return stripModelsPrefix(aliased);
      return model.startsWith('models/') ? stripModelsPrefix(model) : undefined;
    },
    knownModels: () => listings.peekPrimary()?.ids,
    createChatCompletion: engine.createChatCompletion,
    createCompletion: engine.createCompletion,
    createEmbedding: engine.createEmbedding,
    countTokens: engine.countTokens,
    async listModels(call) {
      const apiKey = apiKeyFor(call);
      const listing = await listings.get(apiKey, async () => {
        const models = await fetchModels(apiKey, call);
        return { models, ids: new Set(models.map((model) => model.id)) };
      });
      return listing.models;
    },
    // `/gemini/v1beta/…` and `/gemini/v1/…`: the Gemini API as it is, with this instance's key;
    // `/v1/images/*` and `/v1/audio/*`: translated (createGeminiMedia).
    async passthrough(request, call) {
      if (media.serves(request.operation))
        return media.handle({ ...request, operation: request.operation }, call);
      if (request.operation !== 'gemini.native')
        throw new UnsupportedOperationError(request.operation, provider, { status: 404 });
      const path = readNativePath(request.params.rest, ['v1beta', 'v1'], '/gemini/');
      return forwardNativeRequest(settings, options.baseUrl, path, request, call);
    },
    async close() {
      listings.clear();
    },
  };
}
