import type { CallContextV1, OpenAIModel } from '@multi-ai-proxy/core';
import { GatewayError } from '@multi-ai-proxy/core';
import { createKeyedTtlCache } from '@multi-ai-proxy/core/provider-utils';
import {
  type GeminiEngineSettings,
  requestGeminiJson,
} from '@multi-ai-proxy/provider-google/internal';
import { BUILT_IN_VERTEX_MODELS } from './built-in-vertex-models.js';
import { buildVertexPublisherModelsUrl, type VertexEndpoint } from './build-vertex-model-url.js';
import {
  convertVertexPublisherModels,
  type VertexPublisherModel,
} from './convert-vertex-publisher-models.js';

const PAGE_SIZE = 100;
const MAX_PAGES = 20;
/** The built-in list is kept shorter, so a permission granted later shows up soon. */
const FALLBACK_TTL_MS = 5 * 60 * 1000;
/** Answers meaning "these credentials may not list models", not "Vertex is down". */
const NOT_PERMITTED = new Set([401, 403, 404]);
/** One instance lists with one credential (its own): one cache key. */
const SERVER_CREDENTIAL = 'server';

export interface VertexModelCatalog {
  list(context: CallContextV1): Promise<OpenAIModel[]>;
  /** Ids of the current list, without I/O (routing). */
  known(): ReadonlySet<string> | undefined;
}

interface Listing {
  models: OpenAIModel[];
  ids: ReadonlySet<string>;
  fallback: boolean;
}

/** The publisher-model list, cached for ttlMs (the built-in fallback shorter); concurrent callers share one listing. */
export function createVertexModelCatalog(
  settings: GeminiEngineSettings,
  endpoint: VertexEndpoint,
  ttlMs: number,
): VertexModelCatalog {
  const cache = createKeyedTtlCache<Listing>({
    ttlMs,
    ttlOf: (listing) => (listing.fallback ? Math.min(ttlMs, FALLBACK_TTL_MS) : ttlMs),
    primaryKey: SERVER_CREDENTIAL,
  });

  const load = async (context: CallContextV1): Promise<Listing> => {
    let models: OpenAIModel[];
    let fallback = false;
    try {
      models = convertVertexPublisherModels(await fetchAllPages(settings, endpoint, context));
    } catch (error) {
      if (!(GatewayError.isInstance(error) && NOT_PERMITTED.has(error.status))) throw error;
      context.logger.warn(
        { provider: settings.provider, status: error.status },
        'Vertex AI publisher model list not permitted; serving the built-in model list',
      );
      models = convertVertexPublisherModels(BUILT_IN_VERTEX_MODELS.map((name) => ({ name })));
      fallback = true;
    }
    return { models, ids: new Set(models.map((model) => model.id)), fallback };
  };

  return {
    list: async (context) => (await cache.get(SERVER_CREDENTIAL, () => load(context))).models,
    known: () => cache.peekPrimary()?.ids,
  };
}

async function fetchAllPages(
  settings: GeminiEngineSettings,
  endpoint: VertexEndpoint,
  context: CallContextV1,
): Promise<VertexPublisherModel[]> {
  const models: VertexPublisherModel[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const search = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
    if (pageToken) search.set('pageToken', pageToken);
    // No client signal: concurrent callers share this listing; one leaving must not fail it.
    const answer = await requestGeminiJson<{
      publisherModels?: VertexPublisherModel[];
      nextPageToken?: string;
    }>(
      settings,
      { url: buildVertexPublisherModelsUrl(endpoint, search.toString()), method: 'GET' },
      context,
    );
    if (Array.isArray(answer?.publisherModels)) models.push(...answer.publisherModels);
    pageToken =
      typeof answer?.nextPageToken === 'string' && answer.nextPageToken !== ''
        ? answer.nextPageToken
        : undefined;
    if (pageToken === undefined) break;
  }
  return models;
}
