// The host's inbound-API translations (`@multi-ai-proxy/core/inbound`): pure functions from an inbound
// API to the chat-completions pivot and back. The gateway runs every chat-only provider through them,
// and the conformance kit runs a plugin's answers through the same functions, so a plugin author sees
// exactly what the gateway's clients will get. Not part of the provider contract.
export {
  convertResponsesRequestToChat,
  type ResponsesConversionOptions,
  type ResponsesTranslation,
} from './responses/convert-responses-request-to-chat.js';
export { createResponseId } from './responses/create-response-id.js';
export type { ResponseIdentity } from './responses/create-response-object.js';
export {
  type EncodeResponseEventsOptions,
  encodeChatChunksAsResponseEvents,
} from './responses/encode-chat-chunks-as-response-events.js';
export { encodeChatCompletionAsResponse } from './responses/encode-chat-completion-as-response.js';
