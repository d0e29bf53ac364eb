import { createHash } from 'node:crypto';
import type {
  CallContextV1,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  Completion,
  CompletionRequest,
  CreateEmbeddingResponse,
  EmbeddingRequest,
  OpenAIModel,
  OperationResultV1,
  PluginContextV1,
  ProviderV1,
} from '@multi-ai-proxy/core';
import { InvalidRequestError, joinUrl, openUpstreamStream, sendUpstreamRequest, UpstreamApiError, createHttpClient } from '@multi-ai-proxy/core';
import { convertFromGoogleCompletion } from './convert-from-google-completion.js';
import { convertFromGoogleEmbeddings } from './convert-from-google-embeddings.js';
import { convertFromGoogleResponse } from './convert-from-google-response.js';
import { convertGoogleModels, stripModelsPrefix } from './convert-google-models.js';
import { convertGoogleStreamToChunks } from './convert-google-stream-to-chunks.js';
import { convertGoogleStreamToCompletionChunks } from './convert-google-stream-to-completion-chunks.js';
import { completionPrompts, convertToGoogleCompletionRequests } from './convert-to-google-completion-requests.js';
import { convertToGoogleEmbedRequests } from './convert-to-google-embed-requests.js';
import type { FetchMedia } from './convert-to-google-parts.js';
import { convertToGoogleRequest } from './convert-to-google-request.js';
import { createRemoteMediaFetcher } from './create-remote-media-fetcher.js';
import type { GoogleBatchEmbedContentsResponse, GoogleGenerateContentRequest, GoogleGenerateContentResponse, GoogleListModelsResponse, GoogleModel } from './google-api-types.js';
import type { GoogleProviderOptions } from './google-provider-options.js';
import { mapBounded } from './map-bounded.js';
import { mapGoogleError } from './map-google-error.js';
import { parseGoogleSseStream } from './parse-google-sse-stream.js';
import { resolveGoogleApiKey } from './resolve-google-api-key.js';

const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9._-]+)?$/;
const MAX_MODEL_PAGES = 50;
const MAX_ERROR_BODY = 64 * 1024;
/** Upstream calls one embeddings or completions request may have in flight at once. */
const MAX_PARALLEL_CALLS = 4;
/** Model listings kept for distinct client keys (client-key mode); the oldest is dropped beyond this. */
const MAX_CLIENT_LISTINGS = 64;
const SERVER_LISTING = 'server';

interface ModelListing {
  models: OpenAIModel[];
  ids: ReadonlySet<string>;
  expiresAt: number;
}

/** A Google AI Studio (Gemini API) provider instance: OpenAI requests in, Gemini calls out. */
export function createGoogleProvider(options: GoogleProviderOptions, context: Pick<PluginContextV1, 'instanceName' | 'upstreamTimeoutMs'>): ProviderV1 {
  const provider = context.instanceName;
  // No got timeout: each call passes responseTimeoutMs, enforced by one timer in core (cheaper).
  const client = createHttpClient();
  const fetchMedia: FetchMedia | undefined = options.remoteMedia.enabled
    ? createRemoteMediaFetcher({ maxBytes: options.remoteMedia.maxBytes, timeoutMs: options.remoteMedia.timeoutMs, allowPrivateNetwork: options.remoteMedia.allowPrivateNetwork })
    : undefined;
  const aliases = new Map(Object.entries(options.aliases).map(([alias, target]) => [alias.toLowerCase(), target]));
  // Keyed by the credential the listing was made with: one client's key (and what it may see, or its
  // failure) is never served to another. The server key's listing also feeds knownModels().
  const listings = new Map<string, ModelListing>();
  const listingLoads = new Map<string, Promise<OpenAIModel[]>>();
  const listingKey = (apiKey: string): string => (apiKey === options.apiKey ? SERVER_LISTING : `client:${createHash('sha256').update(apiKey).digest('hex')}`);

  const mapModel = (model: string): string | undefined => {
    const aliased = aliases.get(model.toLowerCase());
    if (aliased !== undefined) return stripModelsPrefix(aliased);
    if (model.startsWith('models/')) return stripModelsPrefix(model);
    return undefined;
  };

  const upstreamModel = (requestModel: unknown, ctx: CallContextV1): string => {
    const chosen = ctx.upstreamModel ?? (typeof requestModel === 'string' ? (mapModel(requestModel) ?? requestModel) : undefined);
    if (typeof chosen !== 'string' || chosen.length === 0) throw new InvalidRequestError('model is required.', { param: 'model' });
    const id = stripModelsPrefix(chosen);
    if (!MODEL_ID.test(id)) throw new InvalidRequestError(`"${chosen}" is not a valid Gemini model id.`, { param: 'model' });
    return id;
  };

  const url = (modelId: string, method: string, search?: string): string => {
    const path = modelId.includes('/') ? modelId : `models/${modelId}`;
    return joinUrl(options.baseUrl, `/${options.apiVersion}/${path}:${method}`, search);
  };

  const headers = (ctx: CallContextV1): Record<string, string> => ({
    'content-type': 'application/json',
    accept: 'application/json',
    'x-goog-api-key': resolveGoogleApiKey(options.apiKey, ctx.credentials, options.acceptClientKey),
  });

  async function postJson<T>(target: string, body: unknown, ctx: CallContextV1): Promise<T> {
    const response = await sendUpstreamRequest(client, {
      provider,
      url: target,
      method: 'POST',
      headers: headers(ctx),
      body: JSON.stringify(body),
      signal: ctx.signal,
      timeoutMs: context.upstreamTimeoutMs,
      responseTimeoutMs: context.upstreamTimeoutMs,
    });
    if (response.status < 200 || response.status >= 300) throw mapGoogleError(response.status, response.body, provider, response.headers);
    return parseJsonBody<T>(response.body, provider);
  }

  async function openStream(target: string, body: unknown, ctx: CallContextV1): Promise<AsyncGenerator<GoogleGenerateContentResponse>> {
    const upstream = await openUpstreamStream(client, {
      provider,
      url: target,
      method: 'POST',
      headers: { ...headers(ctx), accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal: ctx.signal,
      timeoutMs: context.upstreamTimeoutMs,
      responseTimeoutMs: context.upstreamTimeoutMs,
    });
    if (upstream.status !== 200) {
      const errorBody = await readLimited(upstream.body, MAX_ERROR_BODY);
      throw mapGoogleError(upstream.status, errorBody, provider, upstream.headers);
    }
    return parseGoogleSseStream(upstream.body, provider);
  }

  async function fetchModels(apiKey: string, signal: AbortSignal): Promise<OpenAIModel[]> {
    const collected: GoogleModel[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_MODEL_PAGES; page++) {
      const search = new URLSearchParams({ pageSize: '1000' });
      if (pageToken) search.set('pageToken', pageToken);
      const response = await sendUpstreamRequest(client, {
        provider,
        url: joinUrl(options.baseUrl, `/${options.apiVersion}/models`, search.toString()),
        method: 'GET',
        headers: { accept: 'application/json', 'x-goog-api-key': apiKey },
        signal,
        timeoutMs: context.upstreamTimeoutMs,
        responseTimeoutMs: context.upstreamTimeoutMs,
      });
      if (response.status !== 200) throw mapGoogleError(response.status, response.body, provider, response.headers);
      const body = parseJsonBody<GoogleListModelsResponse>(response.body, provider);
      collected.push(...(body.models ?? []));
      pageToken = body.nextPageToken || undefined;
      if (!pageToken) break;
    }
    return convertGoogleModels(collected);
  }

  return {
    contractVersion: 1,
    instanceName: provider,
    capabilities: { chatCompletions: true, streaming: true, completions: true, embeddings: true, listModels: true, passthrough: [] },
    modelPatterns: options.modelPatterns,
    mapModel,
    knownModels: () => {
      const listing = listings.get(SERVER_LISTING);
      return listing && listing.expiresAt > Date.now() ? listing.ids : undefined;
    },

    async createChatCompletion(request: ChatCompletionRequest, ctx: CallContextV1): Promise<OperationResultV1<ChatCompletion, ChatCompletionChunk>> {
      const modelId = upstreamModel(request?.model, ctx);
      const body = await convertToGoogleRequest(request, { flavor: 'gemini', modelId, fetchMedia, signal: ctx.signal, jsonSchema: options.jsonSchema });
      const clientModel = ctx.model ?? request.model;
      if (request.stream === true) {
        const events = await openStream(url(modelId, 'streamGenerateContent', 'alt=sse'), body, ctx);
        return { kind: 'chunks', chunks: convertGoogleStreamToChunks(events, { model: clientModel, provider, includeUsage: request.stream_options?.include_usage === true }) };
      }
      const response = await postJson<GoogleGenerateContentResponse>(url(modelId, 'generateContent'), body, ctx);
      return { kind: 'json', body: convertFromGoogleResponse(response, { model: clientModel }) };
    },

    async createCompletion(request: CompletionRequest, ctx: CallContextV1): Promise<OperationResultV1<Completion, Completion>> {
      const modelId = upstreamModel(request?.model, ctx);
      const bodies = convertToGoogleCompletionRequests(request, { modelId });
      const prompts = completionPrompts(request.prompt);
      const clientModel = ctx.model ?? request.model;
      if (request.stream === true) {
        const [body] = bodies;
        if (bodies.length !== 1 || !body) throw new InvalidRequestError('Streaming completions take a single prompt on Gemini.', { param: 'prompt' });
        const events = await openStream(url(modelId, 'streamGenerateContent', 'alt=sse'), body, ctx);
        return {
          kind: 'chunks',
          chunks: convertGoogleStreamToCompletionChunks(events, {
            model: clientModel,
            provider,
            includeUsage: request.stream_options?.include_usage === true,
            echoPrompt: request.echo === true ? prompts[0] : undefined,
          }),
        };
      }
      // At most MAX_COMPLETION_PROMPTS prompts (completionPrompts), a few calls in flight at once.
      const responses = await mapBounded(bodies, MAX_PARALLEL_CALLS, (body: GoogleGenerateContentRequest) => postJson<GoogleGenerateContentResponse>(url(modelId, 'generateContent'), body, ctx));
      return {
        kind: 'json',
        body: convertFromGoogleCompletion(responses, { model: clientModel, n: request.n ?? 1, echoPrompts: request.echo === true ? prompts : undefined }),
      };
    },

    async createEmbedding(request: EmbeddingRequest, ctx: CallContextV1): Promise<OperationResultV1<CreateEmbeddingResponse>> {
      const modelId = upstreamModel(request?.model, ctx);
      const { inputs, batches } = convertToGoogleEmbedRequests(request, { modelId, maxBatchSize: options.embedBatchSize });
      // A few batches in flight at once; input order is kept.
      const responses = await mapBounded(batches, MAX_PARALLEL_CALLS, (batch) => postJson<GoogleBatchEmbedContentsResponse>(url(modelId, 'batchEmbedContents'), batch, ctx));
      return {
        kind: 'json',
        body: convertFromGoogleEmbeddings(responses, { model: ctx.model ?? request.model, provider, encodingFormat: request.encoding_format, inputs }),
      };
    },

    async listModels(ctx: CallContextV1): Promise<OpenAIModel[]> {
      const apiKey = resolveGoogleApiKey(options.apiKey, ctx.credentials, options.acceptClientKey);
      const key = listingKey(apiKey);
      const cached = listings.get(key);
      if (cached && cached.expiresAt > Date.now()) return cached.models;
      const pending = listingLoads.get(key);
      if (pending) return pending;
      // Concurrent callers with the same key share one upstream listing, which must not die with the
      // first caller's request: a fresh signal, never aborted (the upstream timeout still bounds it).
      const load = fetchModels(apiKey, new AbortController().signal)
        .then((models) => {
          listings.delete(key);
          listings.set(key, { models, ids: new Set(models.map((model) => model.id)), expiresAt: Date.now() + options.modelsCacheTtlMs });
          for (const oldest of listings.keys()) {
            if (listings.size <= MAX_CLIENT_LISTINGS + 1) break;
            if (oldest !== SERVER_LISTING) listings.delete(oldest);
          }
          return models;
        })
        .finally(() => {
          listingLoads.delete(key);
        });
      listingLoads.set(key, load);
      return load;
    },

    async close(): Promise<void> {
      listings.clear();
    },
  };
}

function parseJsonBody<T>(body: Buffer, provider: string): T {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new UpstreamApiError({ provider, status: 502, type: 'api_error', code: 'bad_upstream_response', message: 'The Gemini API answered with a body that is not JSON.' });
  }
}

async function readLimited(body: AsyncIterable<Buffer | string> & { destroy?: () => void }, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= limit) {
      body.destroy?.();
      break;
    }
  }
  return Buffer.concat(chunks);
}
