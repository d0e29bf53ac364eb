import type { EmbeddingRequest } from '@multi-ai-proxy/core';
import type {
  GoogleBatchEmbedContentsRequest,
  GoogleEmbedContentRequest,
} from './google-api-types.js';
import { readEmbeddingRequest } from './read-embedding-request.js';

/** `batchEmbedContents` takes at most 100 requests per call. */
export const GOOGLE_EMBED_BATCH_LIMIT = 100;

export interface ConvertToGoogleEmbedRequestsOptions {
  /** Upstream model id without `models/`. */
  modelId: string;
  /** Per-call limit; larger inputs are split into several calls, order kept. */
  maxBatchSize?: number;
}

/**
 * OpenAI embeddings request → the `batchEmbedContents` bodies to send, in order, and the input texts.
 * No `taskType`: OpenAI's request has no field for it, so Gemini's default applies.
 */
export function convertToGoogleEmbedRequests(
  request: EmbeddingRequest,
  options: ConvertToGoogleEmbedRequestsOptions,
): { inputs: string[]; batches: GoogleBatchEmbedContentsRequest[] } {
  const { inputs, dimensions } = readEmbeddingRequest(request);
  const model = `models/${options.modelId}`;
  const size = Math.max(
    1,
    Math.min(options.maxBatchSize ?? GOOGLE_EMBED_BATCH_LIMIT, GOOGLE_EMBED_BATCH_LIMIT),
  );
  const batches: GoogleBatchEmbedContentsRequest[] = [];
  for (let start = 0; start < inputs.length; start += size) {
    batches.push({
      requests: inputs.slice(start, start + size).map((text) => {
        const entry: GoogleEmbedContentRequest = { model, content: { parts: [{ text }] } };
        if (dimensions !== undefined) entry.outputDimensionality = dimensions;
        return entry;
      }),
    });
  }
  return { inputs, batches };
}
