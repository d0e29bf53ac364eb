import type { CreateEmbeddingResponse } from '@multi-ai-proxy/core';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { buildOpenAIEmbeddingResponse, estimateTokens } from './build-openai-embedding-response.js';
import type { GoogleBatchEmbedContentsResponse } from './google-api-types.js';

export interface ConvertFromGoogleEmbeddingsOptions {
  model: string;
  provider: string;
  encodingFormat?: string;
  /** The input texts, in order (for the count check and the token estimate). */
  inputs: readonly string[];
}

/**
 * `batchEmbedContents` answers (one per batch, in order) → OpenAI's embedding list. Usage comes from
 * `usageMetadata.promptTokenCount` when Gemini reports it, otherwise it is estimated (≈4 chars/token).
 */
export function convertFromGoogleEmbeddings(
  responses: readonly GoogleBatchEmbedContentsResponse[],
  options: ConvertFromGoogleEmbeddingsOptions,
): CreateEmbeddingResponse {
  const vectors = responses.flatMap((response) =>
    (response.embeddings ?? []).map((embedding) => embedding.values ?? []),
  );
  if (vectors.length !== options.inputs.length) {
    throw new UpstreamApiError({
      provider: options.provider,
      status: 502,
      type: 'api_error',
      code: 'bad_upstream_response',
      message: `The Gemini API returned ${vectors.length} embeddings for ${options.inputs.length} inputs.`,
    });
  }
  const reported = responses.every(
    (response) => typeof response.usageMetadata?.promptTokenCount === 'number',
  );
  const promptTokens = reported
    ? responses.reduce((sum, response) => sum + (response.usageMetadata?.promptTokenCount ?? 0), 0)
    : estimateTokens(options.inputs);
  return buildOpenAIEmbeddingResponse(vectors, {
    model: options.model,
    encodingFormat: options.encodingFormat,
    promptTokens,
  });
}
