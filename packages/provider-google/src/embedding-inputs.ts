import type { EmbeddingRequest } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';

/** OpenAI's own cap on inputs per embeddings request; also bounds the upstream calls one request can cause. */
export const MAX_EMBEDDING_INPUTS = 2048;

/** OpenAI embedding `input` as a list of texts. Token-id inputs have no Gemini meaning: 400. */
export function embeddingInputs(input: EmbeddingRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > MAX_EMBEDDING_INPUTS) {
    throw new InvalidRequestError(`\`input\` has ${input.length} items; at most ${MAX_EMBEDDING_INPUTS} are allowed per request.`, { param: 'input' });
  }
  if (Array.isArray(input) && input.length > 0 && input.every((entry) => typeof entry === 'string')) return input as string[];
  if (Array.isArray(input) && input.length > 0) {
    throw new InvalidRequestError('Token-id inputs are not supported by Gemini embeddings; send text.', { param: 'input' });
  }
  throw new InvalidRequestError('input must be a string or a non-empty array of strings.', { param: 'input' });
}
