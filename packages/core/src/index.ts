// The main entry holds the plugin contract (spec), the typed errors and what every plugin needs; each
// export is listed by name so the public surface is reviewable here. Helpers for writing providers are
// in `@multi-ai-proxy/core/provider-utils`, the conformance kit in `@multi-ai-proxy/core/testing`.
export {
  AuthenticationError,
  GatewayError,
  type GatewayErrorOptions,
  InvalidPluginOptionsError,
  InvalidRequestError,
  PluginContractError,
  PluginNotInstalledError,
  toOpenAIErrorBody,
  UnknownModelError,
  UnsupportedOperationError,
  UpstreamApiError,
  type UpstreamApiErrorOptions,
  UpstreamTimeoutError,
  UpstreamUnreachableError,
} from './errors/index.js';
export type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionChunkDelta,
  ChatCompletionChunkToolCallDelta,
  ChatCompletionContentPart,
  ChatCompletionFilePart,
  ChatCompletionFinishReason,
  ChatCompletionFunctionTool,
  ChatCompletionImagePart,
  ChatCompletionInputAudioPart,
  ChatCompletionLogprobs,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionRefusalPart,
  ChatCompletionRequest,
  ChatCompletionResponseFormat,
  ChatCompletionTextPart,
  ChatCompletionToolChoice,
  Completion,
  CompletionChoice,
  CompletionRequest,
  CompletionUsage,
  CreateEmbeddingResponse,
  Embedding,
  EmbeddingRequest,
  OpenAIErrorBody,
  OpenAIModel,
  OpenAIModelList,
  ResponseCreateRequest,
  ResponseCustomToolCall,
  ResponseFunctionCall,
  ResponseFunctionCallInput,
  ResponseFunctionCallOutput,
  ResponseFunctionTool,
  ResponseInputContent,
  ResponseInputItem,
  ResponseInputMessage,
  ResponseObject,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseOutputText,
  ResponseReasoning,
  ResponseRefusal,
  ResponseStatus,
  ResponseStreamEvent,
  ResponseTextFormat,
  ResponseToolChoice,
  ResponseUsage,
} from './openai/index.js';
export { assertProvider } from './plugin/assert-provider.js';
export { assertProviderPlugin } from './plugin/assert-provider-plugin.js';
export { defineProviderPlugin } from './plugin/define-provider-plugin.js';
export { PROVIDER_CONTRACT_VERSION } from './plugin/provider-contract-version.js';
export type { EnvV1, PluginContextV1, ProviderPluginV1 } from './plugin/provider-plugin-v1.js';
export type { CallContextV1, ModelCallContextV1 } from './provider/call-context-v1.js';
export type { CallTelemetryV1, TelemetryUsageV1 } from './provider/call-telemetry-v1.js';
export type { ClientCredentialsV1 } from './provider/client-credentials-v1.js';
export type { LoggerV1 } from './provider/logger-v1.js';
export type {
  ChunkStreamResultV1,
  JsonResultV1,
  OperationResultV1,
  RawResultV1,
} from './provider/operation-result-v1.js';
export {
  PASSTHROUGH_OPERATIONS_V1,
  type PassthroughOperationV1,
} from './provider/passthrough-operation-v1.js';
export type { PassthroughRequestV1 } from './provider/passthrough-request-v1.js';
export type { ProviderCapabilitiesV1 } from './provider/provider-capabilities-v1.js';
export type { ProviderV1 } from './provider/provider-v1.js';
export type { TokenCountV1 } from './provider/token-count-v1.js';
export {
  isAliasGlob,
  type ModelReference,
  mapUpstreamModel,
  matchModelPattern,
  orderByPrecedence,
  parseModelReference,
  type ResolvedRoute,
  type RoutableProvider,
  type RouteMatch,
  type RouteTable,
  resolveAlias,
  resolveRoute,
} from './routing/index.js';
export { VERSION } from './version.js';
