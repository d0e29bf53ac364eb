import {
  type CallContextV1,
  type OpenAIModel,
  type PassthroughOperationV1,
  type PassthroughRequestV1,
  type PluginContextV1,
  type ProviderV1,
  type RawResultV1,
  UnsupportedOperationError,
} from '@multi-ai-proxy/core';
import {
  createHttpClient,
  createKeyedTtlCache,
  joinUrl,
  sendUpstreamRequest,
} from '@multi-ai-proxy/core/provider-utils';
import type { Method } from 'got';
import { createUpstreamApiError } from './create-upstream-api-error.js';
import { forwardUpstreamRequest } from './forward-upstream-request.js';
import { mapOpenAIPassthroughPath } from './map-openai-passthrough-path.js';
import type { OpenAIProviderOptions } from './openai-provider-options.js';
import { pickForwardHeaders } from './pick-forward-headers.js';
import { prepareJsonBody } from './prepare-json-body.js';
import { preparePassthroughBody } from './prepare-passthrough-body.js';
import { selectOpenAIAuthHeaders } from './select-openai-auth-headers.js';

const PASSTHROUGH: readonly PassthroughOperationV1[] = [
  'images.generations',
  'images.edits',
  'audio.speech',
  'audio.transcriptions',
  'audio.translations',
  'files',
  'fine_tuning',
  'models.retrieve',
  'responses',
];

/** A passthrough provider for OpenAI or any OpenAI-compatible server: bytes in, upstream bytes out. */
export function createOpenAIProvider(
  options: OpenAIProviderOptions,
  context: PluginContextV1,
): ProviderV1 {
  const instanceName = context.instanceName;
  // No got timeout: forwardUpstreamRequest enforces context.upstreamTimeoutMs with one timer per call.
  const client = createHttpClient();
  const modelsCache = createKeyedTtlCache<OpenAIModel[]>({ ttlMs: options.modelsCacheTtlMs });
  let knownModels: ReadonlySet<string> | undefined;

  function forward(
    path: string,
    method: Method,
    body: Uint8Array | PassthroughRequestV1['body'],
    contentType: string | undefined,
    call: CallContextV1,
  ): Promise<RawResultV1> {
    const auth = selectOpenAIAuthHeaders(options.apiKey, call.credentials);
    return forwardUpstreamRequest(client, {
      provider: instanceName,
      url: joinUrl(options.endpoint, path, call.search),
      method,
      headers: {
        ...pickForwardHeaders(call.headers),
        ...(contentType ? { 'content-type': contentType } : {}),
        ...auth,
      },
      body,
      signal: call.signal,
      timeoutMs: context.upstreamTimeoutMs,
      secrets: [options.apiKey, call.credentials?.bearer, call.credentials?.apiKey],
    });
  }

  function forwardJson(
    path: string,
    request: { model?: string },
    call: CallContextV1,
  ): Promise<RawResultV1> {
    const body = prepareJsonBody(call.rawBody, request, call.upstreamModel);
    return forward(path, 'POST', body, 'application/json', call);
  }

  async function fetchModels(call: CallContextV1): Promise<OpenAIModel[]> {
    const auth = selectOpenAIAuthHeaders(options.apiKey, call.credentials);
    const url = joinUrl(options.endpoint, '/v1/models');
    const response = await sendUpstreamRequest(client, {
      provider: instanceName,
      url,
      method: 'GET',
      headers: { accept: 'application/json', ...auth },
      // No client signal: concurrent callers share this listing (createKeyedTtlCache), and one client
      // leaving must not fail it for the others; the timeout still bounds it.
      timeoutMs: context.upstreamTimeoutMs,
    });
    if (response.status >= 400) {
      throw createUpstreamApiError({
        provider: instanceName,
        ...response,
        secrets: [options.apiKey, call.credentials?.bearer, call.credentials?.apiKey],
      });
    }
    const models = readModelList(response.body);
    knownModels = new Set(models.map((model) => model.id));
    return models;
  }

  return {
    contractVersion: 1,
    instanceName,
    capabilities: {
      chatCompletions: true,
      streaming: true,
      completions: true,
      embeddings: true,
      listModels: true,
      passthrough: PASSTHROUGH,
    },
    modelPatterns: options.modelPatterns,
    knownModels: () => knownModels,
    createChatCompletion: (request, call) => forwardJson('/v1/chat/completions', request, call),
    createCompletion: (request, call) => forwardJson('/v1/completions', request, call),
    createEmbedding: (request, call) => forwardJson('/v1/embeddings', request, call),
    // Keyed by the credential the listing is made with: one client's list is never served to another.
    listModels: (call) =>
      modelsCache.get(
        JSON.stringify(selectOpenAIAuthHeaders(options.apiKey, call.credentials)),
        () => fetchModels(call),
      ),
    async passthrough(request, call) {
      const path = PASSTHROUGH.includes(request.operation)
        ? mapOpenAIPassthroughPath(request)
        : undefined;
      if (path === undefined)
        throw new UnsupportedOperationError(request.operation, instanceName, { status: 404 });
      const body = preparePassthroughBody(request, call.upstreamModel);
      return forward(path, request.method.toUpperCase() as Method, body, request.contentType, call);
    },
    close: async () => {},
  };
}

function readModelList(body: Buffer): OpenAIModel[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  const data = (parsed as { data?: unknown })?.data;
  if (!Array.isArray(data)) return [];
  return data
    .filter(
      (entry): entry is Record<string, unknown> =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { id?: unknown }).id === 'string',
    )
    .map((entry) => ({
      ...entry,
      id: entry.id as string,
      object: 'model',
      created: typeof entry.created === 'number' ? entry.created : 0,
      owned_by: typeof entry.owned_by === 'string' ? entry.owned_by : 'openai',
    }));
}
