import type { EmbeddingRequest } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { embeddingInputs } from './embedding-inputs.js';

export interface EmbeddingRequestFields {
  /** The input texts, in order (at most MAX_EMBEDDING_INPUTS). */
  inputs: string[];
  dimensions: number | undefined;
  /** `null` (what some clients send for "default") reads as float. */
  encodingFormat: 'float' | 'base64' | undefined;
}

/** The fields of an OpenAI embeddings request every Gemini embedding call needs, checked (400 naming the field). */
export function readEmbeddingRequest(request: EmbeddingRequest): EmbeddingRequestFields {
  const inputs = embeddingInputs(request.input);
  // Read as unknown: the body is the client's JSON, whatever the type says.
  const dimensions = request.dimensions as unknown;
  const encodingFormat = request.encoding_format as unknown;
  if (
    dimensions !== undefined &&
    dimensions !== null &&
    (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1)
  ) {
    throw new InvalidRequestError('dimensions must be a positive integer.', {
      param: 'dimensions',
    });
  }
  if (
    encodingFormat !== undefined &&
    encodingFormat !== null &&
    encodingFormat !== 'float' &&
    encodingFormat !== 'base64'
  ) {
    throw new InvalidRequestError('encoding_format must be "float" or "base64".', {
      param: 'encoding_format',
    });
  }
  return {
    inputs,
    dimensions: (dimensions ?? undefined) as number | undefined,
    encodingFormat: (encodingFormat ?? undefined) as EmbeddingRequestFields['encodingFormat'],
  };
}
