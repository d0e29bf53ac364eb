import type { EmbeddingRequest } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { embeddingInputs } from './embedding-inputs.js';
import type { GoogleBatchEmbedContentsRequest, GoogleEmbedContentRequest } from './google-api-types.js';

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
export function convertToGoogleEmbedRequests(request: EmbeddingRequest, options: ConvertToGoogleEmbedRequestsOptions): { inputs: string[]; batches: GoogleBatchEmbedContentsRequest[] } {
  const inputs = embeddingInputs(request.input);
  if (request.dimensions !== undefined && request.dimensions !== null && (!Number.isInteger(request.dimensions) || request.dimensions < 1)) {
    throw new InvalidRequestError('dimensions must be a positive integer.', { param: 'dimensions' });
  }
  if (request.encoding_format !== undefined && request.encoding_format !== null && request.encoding_format !== 'float' && request.encoding_format !== 'base64') {
    throw new InvalidRequestError('encoding_format must be "float" or "base64".', { param: 'encoding_format' });
  }
  const model = `models/${options.modelId}`;
  const size = Math.max(1, Math.min(options.maxBatchSize ?? GOOGLE_EMBED_BATCH_LIMIT, GOOGLE_EMBED_BATCH_LIMIT));
  const batches: GoogleBatchEmbedContentsRequest[] = [];
  for (let start = 0; start < inputs.length; start += size) {
    batches.push({
      requests: inputs.slice(start, start + size).map((text) => {
        const entry: GoogleEmbedContentRequest = { model, content: { parts: [{ text }] } };
        if (typeof request.dimensions === 'number') entry.outputDimensionality = request.dimensions;
        return entry;
      }),
    });
  }
  return { inputs, batches };
}
