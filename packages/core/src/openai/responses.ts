// The OpenAI Responses API (https://platform.openai.com/docs/api-reference/responses), the shapes the
// gateway reads and writes in both directions: the gateway's `/v1/responses` adapter (Responses → chat)
// and Azure's chat calls to Responses-only models (chat → Responses). `Response` objects and stream
// events are typed as far as the gateway produces or reads them; request items are typed for what the
// gateway writes, and readers of client input still check each field (clients send many variants).

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface ResponseOutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
  logprobs: unknown[];
}

export interface ResponseRefusal {
  type: 'refusal';
  refusal: string;
}

export interface ResponseOutputMessage {
  id: string;
  type: 'message';
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: Array<ResponseOutputText | ResponseRefusal>;
}

export interface ResponseFunctionCall {
  id: string;
  type: 'function_call';
  status: 'in_progress' | 'completed' | 'incomplete';
  call_id: string;
  name: string;
  arguments: string;
}

/** Codex's freeform tools: the model writes raw text (`input`) instead of JSON arguments. */
export interface ResponseCustomToolCall {
  id: string;
  type: 'custom_tool_call';
  status: 'in_progress' | 'completed' | 'incomplete';
  call_id: string;
  name: string;
  input: string;
}

export interface ResponseReasoning {
  id: string;
  type: 'reasoning';
  status?: 'in_progress' | 'completed' | 'incomplete';
  summary: Array<{ type: 'summary_text'; text: string }>;
  encrypted_content?: string | null;
}

export type ResponseOutputItem =
  | ResponseOutputMessage
  | ResponseFunctionCall
  | ResponseCustomToolCall
  | ResponseReasoning;

export type ResponseStatus =
  | 'completed'
  | 'failed'
  | 'in_progress'
  | 'incomplete'
  | 'cancelled'
  | 'queued';

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  completed_at: number | null;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  output: ResponseOutputItem[];
  usage: ResponseUsage | null;
  [echoed: string]: unknown;
}

/** One streamed event; `type` and `sequence_number` are in every event's data (Codex parses by `type`). */
export interface ResponseStreamEvent {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}

export type ResponseInputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url?: string; file_id?: string; detail: 'auto' | 'low' | 'high' }
  | { type: 'input_file'; file_data?: string; file_id?: string; filename?: string }
  | { type: 'input_audio'; input_audio: { data: string; format: string } };

/** A message in `input`: client turns carry input parts, earlier assistant turns output parts. */
export type ResponseInputMessage =
  | {
      type: 'message';
      role: 'user' | 'system' | 'developer';
      content: string | ResponseInputContent[];
    }
  | {
      type: 'message';
      role: 'assistant';
      content: string | Array<ResponseOutputText | ResponseRefusal>;
    };

export interface ResponseFunctionCallInput {
  type: 'function_call';
  call_id: string;
  name: string;
  arguments: string;
}

export interface ResponseFunctionCallOutput {
  type: 'function_call_output';
  call_id: string;
  output: string;
}

export type ResponseInputItem =
  | ResponseInputMessage
  | ResponseFunctionCallInput
  | ResponseFunctionCallOutput;

/** Function tools are flat in the Responses API (no `function` wrapper as in chat completions). */
export interface ResponseFunctionTool {
  type: 'function';
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  strict?: boolean | null;
}

export type ResponseToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; name: string };

export type ResponseTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name: string;
      description?: string;
      schema?: Record<string, unknown>;
      strict?: boolean | null;
    };

/** `POST /v1/responses` as the gateway sends it upstream. */
export interface ResponseCreateRequest {
  model: string;
  input: string | ResponseInputItem[];
  instructions?: string;
  stream?: boolean;
  store?: boolean;
  max_output_tokens?: number;
  temperature?: number;
  top_p?: number;
  tools?: ResponseFunctionTool[];
  tool_choice?: ResponseToolChoice;
  parallel_tool_calls?: boolean;
  text?: { format?: ResponseTextFormat; verbosity?: string };
  reasoning?: { effort?: string; summary?: string };
  user?: string;
  metadata?: Record<string, string>;
  [extra: string]: unknown;
}
