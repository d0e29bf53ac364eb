import { InvalidRequestError } from '@multi-ai-proxy/core';

/** OpenAI's own cap on inputs per embeddings request. */
export const MAX_EMBEDDING_INPUTS = 2048;

/**
 * The texts of an OpenAI embeddings request. Token-id inputs (`number[]`, `number[][]`) have no Vertex
 * equivalent: Vertex tokenizes itself.
 */
export function normalizeEmbeddingInput(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) {
    throw new InvalidRequestError('`input` must be a non-empty string or array of strings.', { param: 'input' });
  }
  if (input.length > MAX_EMBEDDING_INPUTS) {
    throw new InvalidRequestError(`\`input\` has ${input.length} items; at most ${MAX_EMBEDDING_INPUTS} are allowed per request.`, { param: 'input' });
  }
  if (input.every((item) => typeof item === 'string')) return input as string[];
  throw new InvalidRequestError('Vertex AI embeddings take text only: `input` as token ids (numbers) is not supported.', { param: 'input' });
}
