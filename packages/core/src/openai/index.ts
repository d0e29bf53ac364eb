export type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionFinishReason,
  ChatCompletionLogprobs,
  ChatCompletionMessage,
  CompletionUsage,
} from './chat-completion.js';
export type {
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionChunkDelta,
  ChatCompletionChunkToolCallDelta,
} from './chat-completion-chunk.js';
export type {
  ChatCompletionContentPart,
  ChatCompletionFilePart,
  ChatCompletionFunctionTool,
  ChatCompletionImagePart,
  ChatCompletionInputAudioPart,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionRefusalPart,
  ChatCompletionRequest,
  ChatCompletionResponseFormat,
  ChatCompletionTextPart,
  ChatCompletionToolChoice,
} from './chat-completion-request.js';
export type { Completion, CompletionChoice, CompletionRequest } from './completion.js';
export type { CreateEmbeddingResponse, Embedding, EmbeddingRequest } from './embedding.js';
export type { OpenAIModel, OpenAIModelList } from './model.js';
export type { OpenAIErrorBody } from './openai-error-body.js';
export type {
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
} from './responses.js';
