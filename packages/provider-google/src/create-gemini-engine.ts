import type {
  CallContextV1,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  Completion,
  CompletionRequest,
  CompletionUsage,
  CreateEmbeddingResponse,
  EmbeddingRequest,
  ModelCallContextV1,
  OperationResultV1,
  TokenCountV1,
} from '@multi-ai-proxy/core';
import { GatewayError, InvalidRequestError } from '@multi-ai-proxy/core';
import { joinUrl, mapBounded, toTelemetryUsage } from '@multi-ai-proxy/core/provider-utils';
import { buildOpenAIEmbeddingResponse } from './build-openai-embedding-response.js';
import { checkEmbeddingValues } from './check-embedding-values.js';
import { convertFromGoogleCompletion } from './convert-from-google-completion.js';
import { convertFromGoogleEmbeddings } from './convert-from-google-embeddings.js';
import { convertFromGoogleResponse } from './convert-from-google-response.js';
import { convertGoogleStreamToChunks } from './convert-google-stream-to-chunks.js';
import { convertGoogleStreamToCompletionChunks } from './convert-google-stream-to-completion-chunks.js';
import {
  completionPrompts,
  convertToGoogleCompletionRequests,
} from './convert-to-google-completion-requests.js';
import { convertToGoogleEmbedRequests } from './convert-to-google-embed-requests.js';
import { convertToGoogleRequest } from './convert-to-google-request.js';
import { countGeminiTokens } from './count-gemini-tokens.js';
import type { GeminiEngineSettings, GeminiModelMethod } from './gemini-engine-settings.js';
import type {
  GoogleBatchEmbedContentsResponse,
  GoogleGenerateContentResponse,
} from './google-api-types.js';
import { openGeminiStream } from './open-gemini-stream.js';
import { readEmbeddingRequest } from './read-embedding-request.js';
import { readTokenCount } from './read-token-count.js';
import { requestGeminiJson } from './request-gemini-json.js';

/** Upstream calls one embeddings or completions request may have in flight at once. */
const MAX_PARALLEL_CALLS = 4;

/** The model operations of a Gemini-API provider, on the OpenAI wire format (ProviderV1's methods). */
export interface GeminiEngine {
  createChatCompletion(
    request: ChatCompletionRequest,
    context: CallContextV1,
  ): Promise<OperationResultV1<ChatCompletion, ChatCompletionChunk>>;
  createCompletion(
    request: CompletionRequest,
    context: CallContextV1,
  ): Promise<OperationResultV1<Completion, Completion>>;
  /** `batchEmbedContents` (flavor `gemini`) or one `:embedContent` per input (flavor `vertex`). */
  createEmbedding(
    request: EmbeddingRequest,
    context: CallContextV1,
  ): Promise<OperationResultV1<CreateEmbeddingResponse>>;
  /** `:countTokens` on the converted request (ProviderV1's optional countTokens). */
  countTokens(request: ChatCompletionRequest, context: ModelCallContextV1): Promise<TokenCountV1>;
  /** `{baseUrl}/{modelPath(model)}:{method}` (`?alt=sse` for streams). */
  modelUrl(model: string, method: GeminiModelMethod): string;
  /** The final upstream model of a call (`context.upstreamModel`), required. */
  upstreamModel(context: CallContextV1): string;
}

/**
 * The one Gemini engine behind provider-google and provider-vertex: OpenAI requests are converted,
 * sent buffered or streamed, and answered on the OpenAI wire format; only the settings (base URL,
 * model path, authentication, flavor) tell the two upstreams apart. The host resolved the model
 * (aliases included) before the call: the engine sends `context.upstreamModel` as it is.
 */
export function createGeminiEngine(settings: GeminiEngineSettings): GeminiEngine {
  const { provider, flavor } = settings;

  const modelUrl = (model: string, method: GeminiModelMethod): string =>
    joinUrl(
      settings.baseUrl,
      `/${settings.modelPath(model)}:${method}`,
      method === 'streamGenerateContent' ? 'alt=sse' : undefined,
    );

  const upstreamModel = (context: CallContextV1): string => {
    const model = context.upstreamModel;
    if (typeof model !== 'string' || model.length === 0) {
      // The host sets it for every model operation: a missing one is a bug of the caller, not of the client.
      throw new GatewayError({
        message: `Provider "${provider}" was called without the upstream model (CallContextV1.upstreamModel).`,
        status: 500,
        type: 'server_error',
        code: 'missing_upstream_model',
      });
    }
    return model;
  };

  // A stream's usage reaches the host's telemetry even when the client did not ask for the usage chunk.
  const reportUsage = (context: CallContextV1) => (usage: CompletionUsage) => {
    if (context.telemetry !== undefined) context.telemetry.usage = toTelemetryUsage(usage);
  };

  const postJson = <T>(url: string, body: unknown, context: CallContextV1): Promise<T> =>
    requestGeminiJson<T>(settings, { url, body, signal: context.signal }, context);

  return {
    modelUrl,
    upstreamModel,

    countTokens(request, context) {
      const model = upstreamModel(context);
      return countGeminiTokens(
        settings,
        {
          url: modelUrl(model, 'countTokens'),
          modelId: traitsId(model),
          modelPath: settings.modelPath(model),
        },
        request,
        context,
      );
    },

    async createChatCompletion(request, context) {
      const model = upstreamModel(context);
      const url = modelUrl(
        model,
        request.stream === true ? 'streamGenerateContent' : 'generateContent',
      );
      const body = await convertToGoogleRequest(request, {
        flavor,
        modelId: traitsId(model),
        fetchMedia: settings.fetchMedia,
        signal: context.signal,
        jsonSchema: settings.jsonSchema,
      });
      // OpenAI answers with the model name it was called with.
      const clientModel = context.model ?? request.model;
      if (request.stream === true) {
        const events = await openGeminiStream(settings, url, body, context);
        return {
          kind: 'chunks',
          chunks: convertGoogleStreamToChunks(events, {
            model: clientModel,
            provider,
            includeUsage: request.stream_options?.include_usage === true,
            onUsage: reportUsage(context),
          }),
        };
      }
      const response = await postJson<GoogleGenerateContentResponse>(url, body, context);
      return { kind: 'json', body: convertFromGoogleResponse(response, { model: clientModel }) };
    },

    async createCompletion(request, context) {
      const model = upstreamModel(context);
      const url = modelUrl(
        model,
        request.stream === true ? 'streamGenerateContent' : 'generateContent',
      );
      const bodies = convertToGoogleCompletionRequests(request, { modelId: traitsId(model) });
      const prompts = completionPrompts(request.prompt);
      const clientModel = context.model ?? request.model;
      if (request.stream === true) {
        const [body] = bodies;
        if (bodies.length !== 1 || body === undefined)
          throw new InvalidRequestError(
            `Streaming completions take a single prompt on ${settings.upstreamName}.`,
            { param: 'prompt' },
          );
        const events = await openGeminiStream(settings, url, body, context);
        return {
          kind: 'chunks',
          chunks: convertGoogleStreamToCompletionChunks(events, {
            model: clientModel,
            provider,
            includeUsage: request.stream_options?.include_usage === true,
            onUsage: reportUsage(context),
            echoPrompt: request.echo === true ? prompts[0] : undefined,
          }),
        };
      }
      // At most MAX_COMPLETION_PROMPTS prompts (checked by completionPrompts), a few calls in flight at once.
      const responses = await mapBounded(bodies, MAX_PARALLEL_CALLS, (body) =>
        postJson<GoogleGenerateContentResponse>(url, body, context),
      );
      return {
        kind: 'json',
        body: convertFromGoogleCompletion(responses, {
          model: clientModel,
          n: request.n ?? 1,
          echoPrompts: request.echo === true ? prompts : undefined,
        }),
      };
    },

    async createEmbedding(request, context) {
      const model = upstreamModel(context);
      const clientModel = context.model ?? request.model;
      if (flavor === 'vertex') {
        // Vertex has no batchEmbedContents: one :embedContent call per input (at most 2048, checked).
        const { inputs, dimensions, encodingFormat } = readEmbeddingRequest(request);
        const url = modelUrl(model, 'embedContent');
        const embedded = await mapBounded(inputs, MAX_PARALLEL_CALLS, async (text) => {
          const body: Record<string, unknown> = { content: { role: 'user', parts: [{ text }] } };
          if (dimensions !== undefined)
            body.embedContentConfig = { outputDimensionality: dimensions };
          const answer = await postJson<{
            embedding?: { values?: unknown };
            usageMetadata?: { promptTokenCount?: unknown };
          }>(url, body, context);
          return {
            values: checkEmbeddingValues(
              provider,
              settings.upstreamName,
              answer?.embedding?.values,
            ),
            tokens: readTokenCount(answer?.usageMetadata?.promptTokenCount),
          };
        });
        const promptTokens = embedded.reduce((sum, item) => sum + item.tokens, 0);
        return {
          kind: 'json',
          body: buildOpenAIEmbeddingResponse(
            embedded.map((item) => item.values),
            { model: clientModel, encodingFormat, promptTokens },
          ),
        };
      }
      const url = modelUrl(model, 'batchEmbedContents');
      const { inputs, batches } = convertToGoogleEmbedRequests(request, {
        modelId: model.replace(/^models\//, ''),
        maxBatchSize: settings.embedBatchSize,
      });
      // A few batches in flight at once; input order is kept.
      const responses = await mapBounded(batches, MAX_PARALLEL_CALLS, (batch) =>
        postJson<GoogleBatchEmbedContentsResponse>(url, batch, context),
      );
      return {
        kind: 'json',
        body: convertFromGoogleEmbeddings(responses, {
          model: clientModel,
          provider,
          encodingFormat: request.encoding_format ?? undefined,
          inputs,
        }),
      };
    },
  };
}

/** The bare model id (`gemini-2.5-flash` of `models/gemini-2.5-flash`): what the model traits are read from. */
function traitsId(model: string): string {
  return model.slice(model.lastIndexOf('/') + 1);
}
