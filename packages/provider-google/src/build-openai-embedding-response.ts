import type { CreateEmbeddingResponse } from '@multi-ai-proxy/core';
import { encodeEmbeddingBase64 } from '@multi-ai-proxy/core/provider-utils';

export interface BuildOpenAIEmbeddingResponseOptions {
  model: string;
  encodingFormat?: 'float' | 'base64' | string;
  /** Input tokens; providers that report none pass an estimate (see estimateTokens). */
  promptTokens: number;
}

/** Vectors (in input order) → OpenAI's embedding list. */
export function buildOpenAIEmbeddingResponse(
  vectors: readonly (readonly number[])[],
  options: BuildOpenAIEmbeddingResponseOptions,
): CreateEmbeddingResponse {
  const base64 = options.encodingFormat === 'base64';
  return {
    object: 'list',
    data: vectors.map((values, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? encodeEmbeddingBase64(values) : [...values],
    })),
    model: options.model,
    usage: { prompt_tokens: options.promptTokens, total_tokens: options.promptTokens },
  };
}

/**
 * Rough token count (≈ 4 characters per token, at least one per input) for upstreams whose
 * embedding answer carries no usage: OpenAI clients expect `usage` to be filled.
 */
export function estimateTokens(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
}
