/**
 * @multi-ai-proxy/provider-google/internal — the Gemini engine, shared with @multi-ai-proxy/provider-vertex
 * (same GenerateContent wire format). Exports only what provider-vertex uses; not for third parties.
 *
 *   createGeminiEngine(settings) → GeminiEngine: createChatCompletion / createCompletion / createEmbedding
 *     (ProviderV1's methods on the OpenAI wire format), modelUrl(model, method), upstreamModel(context).
 *     `settings` (GeminiEngineSettings) is what differs between the two upstreams: `baseUrl`, `modelPath(model)`
 *     (`models/{m}` vs `publishers/google/models/{m}`, throwing for ids that could change the path),
 *     `authHeaders(context)` (an API key vs a cached access token), `flavor` (`vertex`: no functionCall ids,
 *     embeddings by `:embedContent`), `fetchMedia`, `jsonSchema`, `embedBatchSize`, `client`, `timeoutMs`.
 *   mapGoogleError(status, body, provider, headers) → UpstreamApiError for a google.rpc error body (Vertex's
 *     OpenAI-compatible endpoint answers its errors in that shape too).
 *   requestGeminiJson(settings, { url, method?, body?, headers?, signal? }, context) → parsed JSON; google.rpc
 *     errors mapped to UpstreamApiError (Vertex's model catalog and `:predict` embeddings).
 *   readNativePath(rest, versions, route) → `/v1beta/…` checked segment by segment (no `..`, no encoding; 400);
 *   forwardNativeRequest(settings, origin, path, request, context) → RawResultV1: a native API call with the
 *     server's auth headers, the client's query without `key`, body bytes and the upstream answer as they are.
 *   createGeminiMedia({ settings, engine }) → { serves(operation), handle(request, context) }: `/v1/images/generations`
 *     and `/edits` (Imagen `:predict`, Gemini image models), `/v1/audio/speech` (Gemini TTS, streamed), and
 *     `/v1/audio/transcriptions` / `/translations` (model transcription) on the OpenAI wire format;
 *     GEMINI_MEDIA_OPERATIONS lists those passthrough operations. googleModelCapabilities(id) → the routes a model serves.
 *   readEmbeddingRequest(request) → { inputs, dimensions, encodingFormat } (checked, 400 naming the field);
 *   buildOpenAIEmbeddingResponse(vectors, { model, encodingFormat?, promptTokens }); checkEmbeddingValues(provider,
 *     upstreamName, values) → number[] (else 502); readTokenCount(value) → number.
 */
export { buildOpenAIEmbeddingResponse } from '../build-openai-embedding-response.js';
export { checkEmbeddingValues } from '../check-embedding-values.js';
export { createGeminiEngine, type GeminiEngine } from '../create-gemini-engine.js';
export {
  createGeminiMedia,
  GEMINI_MEDIA_OPERATIONS,
  type GeminiMedia,
} from '../create-gemini-media.js';
export {
  type GoogleModelCapabilities,
  googleModelCapabilities,
} from '../google-model-capabilities.js';
export type { GeminiEngineSettings, GeminiModelMethod } from '../gemini-engine-settings.js';
export { type EmbeddingRequestFields, readEmbeddingRequest } from '../read-embedding-request.js';
export { forwardNativeRequest } from '../forward-native-request.js';
export { mapGoogleError } from '../map-google-error.js';
export { readNativePath } from '../read-native-path.js';
export { readTokenCount } from '../read-token-count.js';
export { type GeminiJsonCall, requestGeminiJson } from '../request-gemini-json.js';
