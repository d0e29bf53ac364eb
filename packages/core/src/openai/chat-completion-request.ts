// The OpenAI Chat Completions request as the gateway accepts it (https://platform.openai.com/docs/api-reference/chat/create).
// Fields are typed loosely where OpenAI itself accepts several shapes; providers validate what they translate.

export interface ChatCompletionTextPart {
  type: 'text';
  text: string;
}

export interface ChatCompletionImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export interface ChatCompletionInputAudioPart {
  type: 'input_audio';
  input_audio: { data: string; format: string };
}

export interface ChatCompletionFilePart {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
}

export interface ChatCompletionRefusalPart {
  type: 'refusal';
  refusal: string;
}

export type ChatCompletionContentPart =
  | ChatCompletionTextPart
  | ChatCompletionImagePart
  | ChatCompletionInputAudioPart
  | ChatCompletionFilePart
  | ChatCompletionRefusalPart;

export interface ChatCompletionMessageToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  /**
   * Vendor data on a tool call, keyed by vendor: Google's OpenAI-compatible layer returns a Gemini 3
   * thought signature as `extra_content.google.thought_signature`, and clients send it back there.
   */
  extra_content?: Record<string, unknown>;
}

export type ChatCompletionMessageParam =
  | { role: 'system' | 'developer'; content: string | ChatCompletionTextPart[]; name?: string }
  | { role: 'user'; content: string | ChatCompletionContentPart[]; name?: string }
  | {
      role: 'assistant';
      content?: string | Array<ChatCompletionTextPart | ChatCompletionRefusalPart> | null;
      tool_calls?: ChatCompletionMessageToolCall[];
      /** Non-standard but common (DeepSeek, vLLM, the gateway's own answers). */
      reasoning_content?: string | null;
      refusal?: string | null;
      name?: string;
    }
  | { role: 'tool'; content: string | ChatCompletionTextPart[]; tool_call_id: string }
  | { role: 'function'; content: string | null; name: string };

export interface ChatCompletionFunctionTool {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters?: Record<string, unknown>;
    strict?: boolean | null;
  };
}

export type ChatCompletionToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } };

export type ChatCompletionResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: {
        name: string;
        description?: string;
        schema?: Record<string, unknown>;
        strict?: boolean | null;
      };
    };

export interface ChatCompletionRequest {
  model: string;
  messages: ChatCompletionMessageParam[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stop?: string | string[] | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  seed?: number | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  logit_bias?: Record<string, number> | null;
  user?: string;
  tools?: ChatCompletionFunctionTool[];
  tool_choice?: ChatCompletionToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: ChatCompletionResponseFormat;
  reasoning_effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | null;
  [extra: string]: unknown;
}
