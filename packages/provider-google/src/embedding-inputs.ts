import type { EmbeddingRequest } from '@multi-ai-proxy/core';
import { readTextList } from './read-text-list.js';

/** OpenAI's own cap on inputs per embeddings request; also bounds the upstream calls one request can cause. */
export const MAX_EMBEDDING_INPUTS = 2048;

/** OpenAI embedding `input` as a list of texts. Token-id inputs have no Gemini meaning: 400. */
export function embeddingInputs(input: EmbeddingRequest['input']): string[] {
  return readTextList(input, {
    param: 'input',
    max: MAX_EMBEDDING_INPUTS,
    tokenIdsMessage: 'Token-id inputs are not supported by Gemini embeddings; send text.',
  });
}
