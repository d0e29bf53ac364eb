import type { CompletionUsage } from './chat-completion.js';

/** Legacy `/v1/completions` request. */
export interface CompletionRequest {
  model: string;
  prompt: string | string[] | number[] | number[][];
  suffix?: string | null;
  max_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  logprobs?: number | null;
  echo?: boolean | null;
  stop?: string | string[] | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  best_of?: number | null;
  seed?: number | null;
  user?: string;
  [extra: string]: unknown;
}

export interface CompletionChoice {
  text: string;
  index: number;
  logprobs: unknown | null;
  finish_reason: 'stop' | 'length' | 'content_filter' | null;
}

/** `text_completion` response, and also the shape of each streamed chunk. */
export interface Completion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: CompletionChoice[];
  usage?: CompletionUsage | null;
  system_fingerprint?: string | null;
}
