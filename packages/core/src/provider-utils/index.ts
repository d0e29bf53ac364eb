export { type CompletionIdPrefix, createCompletionId } from './create-completion-id.js';
export { createHttpClient, type HttpClientOptions } from './create-http-client.js';
export {
  createKeyedTtlCache,
  type KeyedTtlCache,
  type KeyedTtlCacheOptions,
} from './create-keyed-ttl-cache.js';
export {
  createPluginOptionsReader,
  type NumberLimits,
  type PluginOptionsReader,
} from './create-plugin-options-reader.js';
export {
  createRemoteMediaFetcher,
  type FetchMedia,
  type RemoteMediaFetcherOptions,
} from './create-remote-media-fetcher.js';
export { encodeEmbeddingBase64 } from './encode-embedding-base64.js';
export { formatSseData, SSE_DONE, SSE_HEADERS } from './format-sse-data.js';
export { guessMimeType } from './guess-mime-type.js';
export { isJwt } from './is-jwt.js';
export { isPrivateAddress } from './is-private-address.js';
export { joinUrl } from './join-url.js';
export { mapBounded } from './map-bounded.js';
export { mapRequestError } from './map-request-error.js';
export { openUpstreamStream, type UpstreamStream } from './open-upstream-stream.js';
export { parseDataUrl } from './parse-data-url.js';
export { parseSseStream, type SseEvent } from './parse-sse-stream.js';
export { pickRateLimitHeaders } from './pick-rate-limit-headers.js';
export { DEFAULT_BODY_LIMIT, readBodyBounded } from './read-body-bounded.js';
export { rewriteJsonModel } from './rewrite-json-model.js';
export {
  sendUpstreamRequest,
  type UpstreamRequest,
  type UpstreamResponse,
} from './send-upstream-request.js';
export { type OpenAIUsageLike, toTelemetryUsage } from './to-telemetry-usage.js';
