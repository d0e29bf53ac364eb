import type { CallContextV1, OpenAIModel } from '@multi-ai-proxy/core';
import { GatewayError } from '@multi-ai-proxy/core';
import { BUILT_IN_VERTEX_MODELS } from './built-in-vertex-models.js';
import { buildVertexPublisherModelsUrl } from './build-vertex-model-url.js';
import { convertVertexPublisherModels, type VertexPublisherModel } from './convert-vertex-publisher-models.js';
import { postVertexJson } from './post-vertex-json.js';
import type { VertexUpstream } from './vertex-upstream.js';

const PAGE_SIZE = 100;
const MAX_PAGES = 20;
/** The built-in list is kept shorter, so a permission granted later shows up soon. */
const FALLBACK_TTL_MS = 5 * 60 * 1000;
/** Answers meaning "these credentials may not list models", not "Vertex is down". */
const NOT_PERMITTED = new Set([401, 403, 404]);

export interface VertexModelCatalog {
  list(context: Pick<CallContextV1, 'signal' | 'logger'>): Promise<OpenAIModel[]>;
  /** Ids of the last list, without I/O (routing step 4). */
  known(): ReadonlySet<string> | undefined;
}

/** The publisher-model list, cached for ttlMs; concurrent callers share one listing. */
export function createVertexModelCatalog(upstream: VertexUpstream, ttlMs: number, now: () => number = Date.now): VertexModelCatalog {
  let cached: { models: OpenAIModel[]; ids: ReadonlySet<string>; expiresAt: number } | undefined;
  let inFlight: Promise<OpenAIModel[]> | undefined;

  const refresh = async (context: Pick<CallContextV1, 'signal' | 'logger'>): Promise<OpenAIModel[]> => {
    let models: OpenAIModel[];
    let ttl = ttlMs;
    try {
      models = convertVertexPublisherModels(await fetchAllPages(upstream, context));
    } catch (error) {
      if (!(GatewayError.isInstance(error) && NOT_PERMITTED.has(error.status))) throw error;
      context.logger.warn({ provider: upstream.provider, status: error.status }, 'Vertex AI publisher model list not permitted; serving the built-in model list');
      models = BUILT_IN_VERTEX_MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'google' }));
      ttl = Math.min(ttlMs, FALLBACK_TTL_MS);
    }
    cached = { models, ids: new Set(models.map((model) => model.id)), expiresAt: now() + ttl };
    return models;
  };

  return {
    async list(context) {
      if (cached !== undefined && cached.expiresAt > now()) return cached.models;
      // The shared listing must not die with the first caller's request: no client signal.
      inFlight ??= refresh({ signal: new AbortController().signal, logger: context.logger }).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    known: () => cached?.ids,
  };
}

async function fetchAllPages(upstream: VertexUpstream, context: Pick<CallContextV1, 'signal'>): Promise<VertexPublisherModel[]> {
  const models: VertexPublisherModel[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const search = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
    if (pageToken) search.set('pageToken', pageToken);
    const answer = (await postVertexJson(upstream, buildVertexPublisherModelsUrl(upstream.endpoint, search.toString()), undefined, context, 'GET')) as {
      publisherModels?: VertexPublisherModel[];
      nextPageToken?: string;
    };
    if (Array.isArray(answer?.publisherModels)) models.push(...answer.publisherModels);
    pageToken = typeof answer?.nextPageToken === 'string' && answer.nextPageToken !== '' ? answer.nextPageToken : undefined;
    if (pageToken === undefined) break;
  }
  return models;
}
