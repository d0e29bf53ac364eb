import type {
  CallContextV1,
  CreateEmbeddingResponse,
  EmbeddingRequest,
  OperationResultV1,
} from '@multi-ai-proxy/core';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { mapBounded } from '@multi-ai-proxy/core/provider-utils';
import {
  buildOpenAIEmbeddingResponse,
  checkEmbeddingValues,
  type GeminiEngine,
  type GeminiEngineSettings,
  readEmbeddingRequest,
  readTokenCount,
  requestGeminiJson,
} from '@multi-ai-proxy/provider-google/internal';
import {
  isVertexEmbedContentModel,
  vertexPredictBatchSize,
} from './is-vertex-embed-content-model.js';

/** Upstream `:predict` calls of one embeddings request in flight at once. */
const MAX_PARALLEL_CALLS = 4;

interface PredictAnswer {
  predictions?: Array<{
    embeddings?: { values?: unknown; statistics?: { token_count?: unknown } };
  }>;
}

/**
 * OpenAI `/v1/embeddings` on Vertex: `:predict` (`instances`/`parameters`, batched) for text-embedding-*
 * and gemini-embedding-001; the newer Gemini embedding models go to the engine's `:embedContent`.
 * `dimensions` → `outputDimensionality`; usage from the token counts Vertex reports.
 */
export async function createVertexEmbedding(
  engine: GeminiEngine,
  settings: GeminiEngineSettings,
  request: EmbeddingRequest,
  context: CallContextV1,
): Promise<OperationResultV1<CreateEmbeddingResponse>> {
  const model = engine.upstreamModel(context);
  if (isVertexEmbedContentModel(model)) return engine.createEmbedding(request, context);
  const url = engine.modelUrl(model, 'predict');
  // At most 2048 inputs (OpenAI's cap, checked): bounds the calls one request can cause.
  const { inputs, dimensions, encodingFormat } = readEmbeddingRequest(request);
  const batches = chunk(inputs, vertexPredictBatchSize(model));
  const embedded = (
    await mapBounded(batches, MAX_PARALLEL_CALLS, async (texts) => {
      const body: Record<string, unknown> = { instances: texts.map((content) => ({ content })) };
      if (dimensions !== undefined) body.parameters = { outputDimensionality: dimensions };
      const predictions = (
        await requestGeminiJson<PredictAnswer>(
          settings,
          { url, body, signal: context.signal },
          context,
        )
      )?.predictions;
      if (!Array.isArray(predictions) || predictions.length !== texts.length) {
        const count = Array.isArray(predictions) ? predictions.length : 'no';
        throw new UpstreamApiError({
          provider: settings.provider,
          status: 502,
          message: `Provider "${settings.provider}": Vertex AI answered :predict with ${count} predictions for ${texts.length} inputs.`,
        });
      }
      return predictions.map((prediction) => ({
        values: checkEmbeddingValues(
          settings.provider,
          settings.upstreamName,
          prediction?.embeddings?.values,
        ),
        tokens: readTokenCount(prediction?.embeddings?.statistics?.token_count),
      }));
    })
  ).flat();
  const promptTokens = embedded.reduce((sum, item) => sum + item.tokens, 0);
  // OpenAI answers with the model name it was called with.
  const body = buildOpenAIEmbeddingResponse(
    embedded.map((item) => item.values),
    { model: context.model ?? request.model, encodingFormat, promptTokens },
  );
  return { kind: 'json', body };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    batches.push(items.slice(start, start + size));
  return batches;
}
