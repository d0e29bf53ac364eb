import type { CallContextV1, OpenAIModel } from '@multi-ai-proxy/core';
import { createKeyedTtlCache, sendUpstreamRequest } from '@multi-ai-proxy/core/provider-utils';
import { createUpstreamApiError } from '@multi-ai-proxy/provider-openai/internal';
import type { Got } from 'got';
import type { AzureProviderOptions } from './azure-provider-options.js';
import { buildAzureUrl } from './build-azure-url.js';
import { selectAzureAuthHeaders } from './select-azure-auth-headers.js';

export interface AzureModelLister {
  list(call: CallContextV1): Promise<OpenAIModel[]>;
  /** Ids of the last successful listing (no I/O). */
  known(): ReadonlySet<string> | undefined;
}

/**
 * `GET /v1/models`: the upstream listing (`/openai/models?api-version=<models version>`, or
 * `/openai/v1/models`), with Azure's fields kept and OpenAI's `created`/`owned_by` added, followed by
 * the operator's mapper aliases and the serverless deployments — what a client can call here.
 * Cached per credential for the TTL. An upstream failure is an UpstreamApiError with its status.
 */
export function createAzureModelLister(
  client: Got,
  options: AzureProviderOptions,
  instanceName: string,
  timeoutMs: number,
): AzureModelLister {
  const cache = createKeyedTtlCache<OpenAIModel[]>({ ttlMs: options.modelsCacheTtlMs });
  let known: ReadonlySet<string> | undefined;

  async function fetchUpstream(
    endpoint: string,
    auth: Record<string, string>,
    call: CallContextV1,
  ): Promise<OpenAIModel[]> {
    const url = buildAzureUrl({
      endpoint,
      surface: options.apiSurface,
      route: 'models',
      search: '',
      apiVersion: options.modelsApiVersion,
    });
    // No client signal: callers with the same credential share this listing; one leaving must not fail it.
    const response = await sendUpstreamRequest(client, {
      provider: instanceName,
      url,
      method: 'GET',
      headers: { accept: 'application/json', ...auth },
      timeoutMs,
    });
    if (response.status >= 400) {
      throw createUpstreamApiError({
        provider: instanceName,
        ...response,
        secrets: [options.apiKey, call.credentials?.apiKey, call.credentials?.bearer],
      });
    }
    return readUpstreamModels(response.body);
  }

  async function load(auth: Record<string, string>, call: CallContextV1): Promise<OpenAIModel[]> {
    const upstream =
      options.endpoint === undefined ? [] : await fetchUpstream(options.endpoint, auth, call);
    const models = new Map<string, OpenAIModel>();
    for (const model of upstream) if (!models.has(model.id)) models.set(model.id, model);
    for (const alias of options.modelMapper.keys()) {
      if (!models.has(alias))
        models.set(alias, { id: alias, object: 'model', created: 0, owned_by: 'azure' });
    }
    for (const id of options.serverlessDeployments.keys()) {
      // Azure's own shape of a serverless model entry, plus OpenAI's created/owned_by.
      models.set(id, {
        id,
        object: 'model',
        created: 0,
        owned_by: 'azure-ai-serverless',
        created_at: 0,
        capabilities: {
          fine_tune: false,
          inference: true,
          completion: true,
          chat_completion: true,
          embeddings: false,
        },
        lifecycle_status: 'active',
        status: 'ready',
        deprecation: { inference: 0 },
      });
    }
    const list = [...models.values()];
    known = new Set(list.map((model) => model.id));
    return list;
  }

  return {
    list(call) {
      const auth = selectAzureAuthHeaders(options.apiKey, call.credentials);
      return cache.get(JSON.stringify(auth), () => load(auth, call));
    },
    known: () => known,
  };
}

function readUpstreamModels(body: Buffer): OpenAIModel[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return [];
  return data
    .filter(
      (entry): entry is Record<string, unknown> =>
        typeof entry === 'object' && entry !== null && typeof entry.id === 'string',
    )
    .map((entry) => ({
      ...entry,
      id: entry.id as string,
      object: 'model',
      created:
        typeof entry.created === 'number'
          ? entry.created
          : typeof entry.created_at === 'number'
            ? entry.created_at
            : 0,
      owned_by: typeof entry.owned_by === 'string' ? entry.owned_by : 'azure',
    }));
}
