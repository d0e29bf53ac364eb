import type { PluginOptionsReader } from '@multi-ai-proxy/core/provider-utils';
import { checkVertexBaseUrl } from './check-vertex-base-url.js';
import { DEFAULT_MODEL_GARDEN_PUBLISHERS } from './vertex-model-aliases.js';

/** A configured Vertex AI endpoint (`projects/…/locations/…/endpoints/{id}`) reached by an alias. */
export interface VertexEndpointAlias {
  /** Lower-cased; the model name clients use. */
  alias: string;
  /** `gemini`: a tuned Gemini model (GenerateContent); `openai`: an OpenAI-compatible deployment (vLLM, TGI). */
  api: 'gemini' | 'openai';
  /** Undefined: this instance's project (known once the credentials are read). */
  project: string | undefined;
  location: string;
  endpointId: string;
  /** Scheme and host (dedicated endpoints have their own DNS name); from configuration only. */
  baseUrl: string;
  /**
   * `gemini`: the model the endpoint was tuned from, whose traits decide the request mapping
   * (reasoning_effort, penalties, JSON Schema); `openai`: the `model` sent in the body (vLLM's served
   * model name), undefined to send the alias.
   */
  model: string | undefined;
}

export interface VertexModelGardenOptions {
  /** Publisher prefixes (`meta`, `qwen`…) whose `publisher/model` ids go to the OpenAI-compatible endpoint. */
  publishers: readonly string[];
  /** Exact `publisher/model` ids served there (any publisher), listed by `/v1/models`. */
  models: readonly string[];
  endpoints: readonly VertexEndpointAlias[];
}

export interface ModelGardenSettings {
  /** The instance's project, when known before the credentials are read. */
  projectId: string | undefined;
  location: string;
  /** VERTEX_AI_ENDPOINT when set: endpoint aliases use it too (proxies, Private Service Connect, tests). */
  baseUrlOverride: string | undefined;
  resolveBaseUrl(location: string): string;
  /** Express-mode keys carry no project: they reach no endpoint. */
  expressMode: boolean;
}

const PUBLISHER = /^[a-z0-9][a-z0-9-]*$/;
// `publisher/model`, the spelling of Vertex's OpenAI-compatible endpoint (meta/llama-3.3-70b-instruct-maas).
export const MODEL_GARDEN_ID = /^([a-z0-9][a-z0-9-]*)\/([A-Za-z0-9][A-Za-z0-9._@-]*)$/;
const ALIAS = /^[a-z0-9][a-z0-9._@-]*$/;
const ENDPOINT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const ENDPOINT_RESOURCE =
  /^projects\/([A-Za-z0-9][A-Za-z0-9.:_-]*)\/locations\/([a-z][a-z0-9-]*[a-z0-9])\/endpoints\/([A-Za-z0-9][A-Za-z0-9_-]*)$/;
const GEMINI_MODEL = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;
const DEFAULT_TUNED_BASE_MODEL = 'gemini-2.5-flash';
const ENDPOINT_KEYS = ['endpoint', 'api', 'model', 'baseUrl'];

/**
 * `modelGarden` (`publishers`, `models`; VERTEX_AI_MODEL_GARDEN_PUBLISHERS / _MODELS) and `endpoints`
 * (config file only: alias → `{ endpoint, api, model, baseUrl }`). Every value that ends up in a URL
 * is checked here, at startup, against a strict pattern: no model id or alias a client sends can
 * change the path or the host.
 */
export function parseVertexModelGarden(
  read: PluginOptionsReader,
  raw: unknown,
  settings: ModelGardenSettings,
): VertexModelGardenOptions {
  const garden = read.section('modelGarden');
  const publishers = (
    garden.list('publishers', 'VERTEX_AI_MODEL_GARDEN_PUBLISHERS') ??
    DEFAULT_MODEL_GARDEN_PUBLISHERS
  ).map((publisher) => publisher.toLowerCase());
  for (const publisher of publishers) {
    if (!PUBLISHER.test(publisher))
      garden.fail(
        'publishers',
        'VERTEX_AI_MODEL_GARDEN_PUBLISHERS',
        `has "${publisher}", which is not a Vertex AI publisher id (lower-case letters, digits, "-").`,
      );
    if (publisher === 'google')
      garden.fail(
        'publishers',
        'VERTEX_AI_MODEL_GARDEN_PUBLISHERS',
        'must not name "google": Gemini models keep the native GenerateContent translation.',
      );
  }
  const models = garden.list('models', 'VERTEX_AI_MODEL_GARDEN_MODELS') ?? [];
  for (const model of models) {
    if (!MODEL_GARDEN_ID.test(model))
      garden.fail(
        'models',
        'VERTEX_AI_MODEL_GARDEN_MODELS',
        `has "${model}", which is not a Model Garden id "publisher/model" (e.g. "meta/llama-3.3-70b-instruct-maas").`,
      );
  }
  return { publishers, models, endpoints: parseEndpoints(read, raw, settings) };
}

function parseEndpoints(
  read: PluginOptionsReader,
  raw: unknown,
  settings: ModelGardenSettings,
): VertexEndpointAlias[] {
  const section = read.section('endpoints');
  const table = (raw as { endpoints?: unknown } | null | undefined)?.endpoints;
  if (table === undefined || table === null) return [];
  const aliases = Object.keys(table as Record<string, unknown>);
  if (aliases.length > 0 && settings.expressMode)
    read.fail(
      'endpoints',
      undefined,
      'need OAuth credentials and a project: an express-mode API key (VERTEX_AI_API_KEY) reaches no endpoint.',
    );
  return aliases.map((name) => {
    const alias = name.toLowerCase();
    if (!ALIAS.test(alias))
      section.fail(
        name,
        undefined,
        'is not a usable alias (letters, digits, ".", "_", "@", "-"; no "/").',
      );
    const entry = section.section(name);
    entry.assertKnownKeys(ENDPOINT_KEYS);
    const api = entry.oneOf('api', undefined, ['gemini', 'openai'] as const) ?? 'gemini';
    const target = entry.string('endpoint');
    if (target === undefined)
      entry.fail(
        'endpoint',
        undefined,
        'is required: an endpoint id or "projects/…/locations/…/endpoints/{id}".',
      );
    const resource = ENDPOINT_RESOURCE.exec(target as string);
    if (resource === null && !ENDPOINT_ID.test(target as string))
      entry.fail(
        'endpoint',
        undefined,
        'must be an endpoint id ("1234567890") or "projects/{project}/locations/{location}/endpoints/{id}".',
      );
    const location = resource?.[2] ?? settings.location;
    const model = entry.string('model');
    if (model !== undefined && api === 'gemini' && !GEMINI_MODEL.test(model))
      entry.fail('model', undefined, 'must be a Gemini model id, e.g. "gemini-2.5-flash".');
    const baseUrl = entry.string('baseUrl');
    return {
      alias,
      api,
      project: resource?.[1] ?? settings.projectId,
      location,
      endpointId: resource?.[3] ?? (target as string),
      baseUrl:
        baseUrl !== undefined
          ? checkVertexBaseUrl(entry, 'baseUrl', undefined, baseUrl)
          : (settings.baseUrlOverride ?? settings.resolveBaseUrl(location)),
      model: api === 'gemini' ? (model ?? DEFAULT_TUNED_BASE_MODEL) : model,
    };
  });
}
