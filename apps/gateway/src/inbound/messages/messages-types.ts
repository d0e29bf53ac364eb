// The Anthropic Messages API as the inbound adapter reads and writes it
// (anthropics/anthropic-sdk-typescript src/resources/messages/messages.ts), loosely typed: the converter
// checks each field it uses and answers 400 naming it.

export interface MessagesContentBlock {
  type: string;
  text?: string;
  source?: { type?: string; media_type?: string; data?: string; url?: string };
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: string | MessagesContentBlock[];
  is_error?: boolean;
  thinking?: string;
  signature?: string;
  [extra: string]: unknown;
}

export interface MessagesRequest {
  model: string;
  max_tokens?: number;
  messages?: Array<{ role?: string; content?: string | MessagesContentBlock[] }>;
  system?: string | MessagesContentBlock[];
  tools?: Array<{
    type?: string;
    name?: string;
    description?: string;
    input_schema?: Record<string, unknown>;
  }>;
  tool_choice?: { type?: string; name?: string; disable_parallel_tool_use?: boolean };
  thinking?: { type?: string; budget_tokens?: number };
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  metadata?: { user_id?: string };
  stream?: boolean;
  [extra: string]: unknown;
}

export type MessagesStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'refusal';

export interface MessagesUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type MessagesOutputBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

export interface MessagesMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: MessagesOutputBlock[];
  stop_reason: MessagesStopReason | null;
  stop_sequence: string | null;
  usage: MessagesUsage;
}

/** One event of a Messages stream; `type` is also the SSE `event:` name. */
export type MessagesStreamEvent = { type: string; [field: string]: unknown };
