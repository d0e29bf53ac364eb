// Building blocks shared with sibling providers (provider-azure). Not a stable public API.
export { createSseEventTransform, type SseEventRewriter } from '../create-sse-event-transform.js';
export {
  createUpstreamApiError,
  type UpstreamErrorResponse,
} from '../create-upstream-api-error.js';
export { encodePathRest } from '../encode-path-rest.js';
export {
  type ForwardUpstreamRequest,
  forwardUpstreamRequest,
} from '../forward-upstream-request.js';
export { parseOpenAIErrorBody, type UpstreamErrorDetail } from '../parse-openai-error-body.js';
export { pickForwardHeaders } from '../pick-forward-headers.js';
export { pickResponseHeaders } from '../pick-response-headers.js';
export { prepareJsonBody } from '../prepare-json-body.js';
export { preparePassthroughBody } from '../prepare-passthrough-body.js';
export { rewriteMultipartModel } from '../rewrite-multipart-model.js';
export { toGotBody } from '../to-got-body.js';
