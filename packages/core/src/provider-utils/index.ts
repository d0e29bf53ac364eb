export { createHttpClient, type HttpClientOptions } from './create-http-client.js';
export { formatSseData, SSE_DONE, SSE_HEADERS } from './format-sse-data.js';
export { isJwt } from './is-jwt.js';
export { joinUrl } from './join-url.js';
export { mapRequestError } from './map-request-error.js';
export { openUpstreamStream, type UpstreamStream } from './open-upstream-stream.js';
export { parseSseStream, type SseEvent } from './parse-sse-stream.js';
export { pickRateLimitHeaders } from './pick-rate-limit-headers.js';
export { sendUpstreamRequest, type UpstreamRequest, type UpstreamResponse } from './send-upstream-request.js';
