import { type CallContextV1, type CreateEmbeddingResponse, type EmbeddingRequest, InvalidRequestError, UpstreamApiError } from '@multi-ai-proxy/core';
import { buildOpenAIEmbeddingResponse, embeddingInputs, mapBounded } from '@multi-ai-proxy/provider-google/internal';
import { buildVertexModelUrl } from './build-vertex-model-url.js';
import { isVertexEmbedContentModel, vertexPredictBatchSize } from './is-vertex-embed-content-model.js';
import { postVertexJson } from './post-vertex-json.js';
import type { VertexUpstream } from './vertex-upstream.js';

/** Upstream calls of one embeddings request in flight at once (gemini-embedding-* make one per input). */
const MAX_PARALLEL_CALLS = 4;

interface EmbeddedText {
  values: number[];
  tokens: number;
}

/**
 * OpenAI `/v1/embeddings` on Vertex: `:predict` (`instances`/`parameters`, batched) for text-embedding-*
 * and gemini-embedding-001, `:embedContent` (one input per call) for the newer Gemini embedding models.
 * `dimensions` → `outputDimensionality`; usage from the token counts Vertex reports.
 */
export async function createVertexEmbedding(upstream: VertexUpstream, request: EmbeddingRequest, context: CallContextV1, model: string): Promise<CreateEmbeddingResponse> {
  // At most 2048 inputs (OpenAI's cap, checked by embeddingInputs): bounds the calls one request can cause.
  const texts = embeddingInputs(request.input);
  const dimensions = checkDimensions(request.dimensions);
  // null is what some clients send for "default": float, as provider-google treats it.
  const encodingFormat = request.encoding_format ?? undefined;
  if (encodingFormat !== undefined && encodingFormat !== 'float' && encodingFormat !== 'base64') {
    throw new InvalidRequestError('`encoding_format` must be "float" or "base64".', { param: 'encoding_format' });
  }
  const embedded = isVertexEmbedContentModel(model)
    ? await mapBounded(texts, MAX_PARALLEL_CALLS, (text) => embedContent(upstream, model, text, dimensions, context))
    : (await mapBounded(chunk(texts, vertexPredictBatchSize(model)), MAX_PARALLEL_CALLS, (batch) => predict(upstream, model, batch, dimensions, context))).flat();
  return buildOpenAIEmbeddingResponse(
    embedded.map((item) => item.values),
    {
      // OpenAI answers with the model name it was called with.
      model: context.model ?? request.model,
      encodingFormat,
      promptTokens: embedded.reduce((sum, item) => sum + item.tokens, 0),
    },
  );
}

async function predict(upstream: VertexUpstream, model: string, texts: string[], dimensions: number | undefined, context: CallContextV1): Promise<EmbeddedText[]> {
  const body: Record<string, unknown> = { instances: texts.map((content) => ({ content })) };
  if (dimensions !== undefined) body.parameters = { outputDimensionality: dimensions };
  const answer = (await postVertexJson(upstream, buildVertexModelUrl(upstream.endpoint, model, 'predict'), body, context)) as {
    predictions?: Array<{ embeddings?: { values?: unknown; statistics?: { token_count?: unknown } } }>;
  };
  const predictions = answer?.predictions;
  if (!Array.isArray(predictions) || predictions.length !== texts.length) {
    throw malformed(upstream.provider, `:predict returned ${Array.isArray(predictions) ? predictions.length : 'no'} predictions for ${texts.length} inputs`);
  }
  return predictions.map((prediction) => ({
    values: checkValues(upstream.provider, prediction?.embeddings?.values),
    tokens: toCount(prediction?.embeddings?.statistics?.token_count),
  }));
}

async function embedContent(upstream: VertexUpstream, model: string, text: string, dimensions: number | undefined, context: CallContextV1): Promise<EmbeddedText> {
  const body: Record<string, unknown> = { content: { role: 'user', parts: [{ text }] } };
  if (dimensions !== undefined) body.embedContentConfig = { outputDimensionality: dimensions };
  const answer = (await postVertexJson(upstream, buildVertexModelUrl(upstream.endpoint, model, 'embedContent'), body, context)) as {
    embedding?: { values?: unknown };
    usageMetadata?: { promptTokenCount?: unknown };
  };
  return { values: checkValues(upstream.provider, answer?.embedding?.values), tokens: toCount(answer?.usageMetadata?.promptTokenCount) };
}

function checkDimensions(dimensions: unknown): number | undefined {
  if (dimensions === undefined || dimensions === null) return undefined;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1) {
    throw new InvalidRequestError('`dimensions` must be a positive integer.', { param: 'dimensions' });
  }
  return dimensions;
}

function checkValues(provider: string, values: unknown): number[] {
  if (!Array.isArray(values) || values.some((value) => typeof value !== 'number')) throw malformed(provider, 'an embedding without numeric values');
  return values as number[];
}

function toCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function malformed(provider: string, what: string): UpstreamApiError {
  return new UpstreamApiError({ provider, status: 502, message: `Provider "${provider}": Vertex AI answered ${what}.` });
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
