// The OpenAI Responses API shapes the translation reads and writes (shared/specs/openai-openapi.yaml,
// `Response`, `ResponseStreamEvent`). Typed as far as the gateway produces them; request items stay
// loose (`Record<string, unknown>`) because clients send many variants and the converter checks each.

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

export type ResponseOutputItem = ResponseOutputMessage | ResponseFunctionCall | ResponseCustomToolCall | ResponseReasoning;

export type ResponseStatus = 'completed' | 'failed' | 'in_progress' | 'incomplete';

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
