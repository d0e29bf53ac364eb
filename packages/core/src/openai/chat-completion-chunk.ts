import type {
  ChatCompletionFinishReason,
  ChatCompletionLogprobs,
  CompletionUsage,
} from './chat-completion.js';

export interface ChatCompletionChunkToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
  /** Vendor data on the call (see ChatCompletionMessageToolCall.extra_content), on the delta that opens it. */
  extra_content?: Record<string, unknown>;
}

export interface ChatCompletionChunkDelta {
  role?: 'assistant';
  content?: string | null;
  reasoning_content?: string;
  refusal?: string | null;
  tool_calls?: ChatCompletionChunkToolCallDelta[];
}

export interface ChatCompletionChunkChoice {
  index: number;
  delta: ChatCompletionChunkDelta;
  finish_reason: ChatCompletionFinishReason | null;
  logprobs?: ChatCompletionLogprobs | null;
  [extra: string]: unknown;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ChatCompletionChunkChoice[];
  /** Only on the final usage chunk (`stream_options.include_usage`), else absent or null. */
  usage?: CompletionUsage | null;
  system_fingerprint?: string | null;
  [extra: string]: unknown;
}
