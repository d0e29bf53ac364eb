import { type EnvV1, InvalidPluginOptionsError } from '@multi-ai-proxy/core';
import {
  createPluginOptionsReader,
  type PluginOptionsReader,
} from '@multi-ai-proxy/core/provider-utils';
import { DEFAULT_AZURE_RESPONSES_ONLY_MODELS } from './is-responses-only-model.js';
import { parseAzureModelMapper } from './parse-azure-model-mapper.js';
import {
  type AzureServerlessDeployment,
  parseAzureServerlessDeployments,
  serverlessKeyVariable,
} from './parse-azure-serverless-deployments.js';

export type AzureApiSurface = 'deployments' | 'v1';

export interface AzureProviderOptions {
  /** Resource base URL (scheme, host, port, path prefix), no trailing slash. Undefined: serverless only. */
  endpoint: string | undefined;
  /** Server-side key: replaces client keys. */
  apiKey: string | undefined;
  apiVersion: string;
  modelsApiVersion: string;
  /** Added to Responses calls when set; the GA `/openai/v1/responses` route needs none. */
  responsesApiVersion: string | undefined;
  apiSurface: AzureApiSurface;
  /**
   * Deployment-name prefixes served by the Responses API only (lower-cased): their chat completions are
   * sent to `/openai/v1/responses` and converted back. Default DEFAULT_AZURE_RESPONSES_ONLY_MODELS; empty
   * when the operator set `none`.
   */
  responsesOnlyModels: readonly string[];
  /** Operator entries (lower-cased keys), laid over the default table (default-azure-model-mapping.ts). */
  modelMapper: ReadonlyMap<string, string>;
  /** Keyed by lower-cased model. */
  serverlessDeployments: ReadonlyMap<string, AzureServerlessDeployment>;
  /** With `{name}` and `{region}` placeholders. */
  serverlessEndpointTemplate: string;
  modelsCacheTtlMs: number;
  /** Configuration problems that do not stop startup, logged once by createProvider. */
  warnings: string[];
}

/**
 * Azure's newest dated API version at the time of writing. It accepts `max_completion_tokens`,
 * `parallel_tool_calls`, `stream_options.include_usage` (≥ 2024-09-01-preview) and
 * `reasoning_effort` (≥ 2024-12-01-preview), which older versions such as 2024-08-01-preview reject.
 */
export const DEFAULT_AZURE_API_VERSION = '2025-04-01-preview';
export const DEFAULT_AZURE_MODELS_API_VERSION = '2024-10-21';
export const DEFAULT_AZURE_SERVERLESS_ENDPOINT_TEMPLATE =
  'https://{name}.{region}.models.ai.azure.com';
const PROVIDER = 'azure';

/** Options from the config file (`raw`, wins) completed from the environment variables. */
export function parseAzureProviderOptions(raw: unknown, env: EnvV1): AzureProviderOptions {
  const read = createPluginOptionsReader(PROVIDER, raw, env);
  const options = (raw ?? {}) as Record<string, unknown>;

  // The mapper and the serverless list keep their own lenient formats (malformed entries are
  // reported at startup, not fatal: README "Azure"); a config-file mapping is turned into the same text.
  const mapperSource = options.modelMapper;
  const mapper =
    typeof mapperSource === 'object' && mapperSource !== null
      ? parseAzureModelMapper(
          recordToPairs(mapperSource, 'options.modelMapper'),
          'options.modelMapper',
        )
      : parseAzureModelMapper(
          read.string('modelMapper', 'AZURE_OPENAI_MODEL_MAPPER'),
          read.settingOf('modelMapper', 'AZURE_OPENAI_MODEL_MAPPER'),
        );
  const serverlessSource = options.serverlessDeployments;
  const serverless =
    typeof serverlessSource === 'object' && serverlessSource !== null
      ? parseServerless(serverlessSource, env)
      : parseAzureServerlessDeployments(
          read.string('serverlessDeployments', 'AZURE_AI_STUDIO_DEPLOYMENTS'),
          env,
        );

  const endpoint = read.string('endpoint', 'AZURE_OPENAI_ENDPOINT');
  if (endpoint === undefined && serverless.deployments.size === 0) {
    read.fail(
      'endpoint',
      'AZURE_OPENAI_ENDPOINT',
      'is not set. Set it to your resource URL (e.g. https://my-resource.openai.azure.com), or configure AZURE_AI_STUDIO_DEPLOYMENTS for serverless models only.',
    );
  }
  const apiSurface =
    read.oneOf('apiSurface', 'AZURE_OPENAI_API_SURFACE', ['deployments', 'v1'] as const) ??
    'deployments';
  const template =
    read.string('serverlessEndpointTemplate', 'AZURE_AI_STUDIO_ENDPOINT_TEMPLATE') ??
    DEFAULT_AZURE_SERVERLESS_ENDPOINT_TEMPLATE;
  checkBaseUrl(
    read,
    template.replaceAll('{name}', 'name').replaceAll('{region}', 'region'),
    'serverlessEndpointTemplate',
    'AZURE_AI_STUDIO_ENDPOINT_TEMPLATE',
  );
  const ttlSeconds =
    read.number('modelsCacheTtlSeconds', 'AZURE_OPENAI_MODELS_CACHE_TTL_SECONDS', {
      min: 0,
      unit: 'seconds',
    }) ?? 300;
  return {
    endpoint:
      endpoint === undefined
        ? undefined
        : checkBaseUrl(read, endpoint, 'endpoint', 'AZURE_OPENAI_ENDPOINT'),
    apiKey: read.string('apiKey', 'AZURE_OPENAI_API_KEY'),
    apiVersion: read.string('apiVersion', 'AZURE_OPENAI_APIVERSION') ?? DEFAULT_AZURE_API_VERSION,
    modelsApiVersion:
      read.string('modelsApiVersion', 'AZURE_OPENAI_MODELS_APIVERSION') ??
      DEFAULT_AZURE_MODELS_API_VERSION,
    responsesApiVersion: read.string('responsesApiVersion', 'AZURE_OPENAI_RESPONSES_APIVERSION'),
    apiSurface,
    responsesOnlyModels: parseResponsesOnlyModels(
      read.list('responsesOnlyModels', 'AZURE_OPENAI_RESPONSES_ONLY_MODELS'),
    ),
    modelMapper: mapper.entries,
    serverlessDeployments: serverless.deployments,
    serverlessEndpointTemplate: template.replace(/\/+$/, ''),
    modelsCacheTtlMs: ttlSeconds * 1000,
    warnings: [...mapper.problems, ...serverless.problems],
  };
}

/** The operator's list replaces the default one; `none` alone turns the conversion off. */
function parseResponsesOnlyModels(list: string[] | undefined): readonly string[] {
  if (list === undefined) return DEFAULT_AZURE_RESPONSES_ONLY_MODELS;
  if (list.length === 1 && list[0]?.toLowerCase() === 'none') return [];
  return list.map((prefix) => prefix.toLowerCase());
}

/** Raw `serverlessDeployments` may be the env string or `{ model: { name, region, apiKey? } }`. */
function parseServerless(source: object, env: EnvV1) {
  const pairs: string[] = [];
  const keys: Record<string, string | undefined> = {};
  for (const [model, entry] of Object.entries(source)) {
    const { name, region, apiKey } = (entry ?? {}) as Record<string, unknown>;
    if (
      typeof name !== 'string' ||
      typeof region !== 'string' ||
      (apiKey !== undefined && typeof apiKey !== 'string')
    ) {
      throw new InvalidPluginOptionsError(
        PROVIDER,
        `options.serverlessDeployments.${model}`,
        'must be { "name": string, "region": string, "apiKey"?: string }.',
      );
    }
    pairs.push(`${model}=${name}:${region}`);
    keys[serverlessKeyVariable(model.trim())] = apiKey;
  }
  return parseAzureServerlessDeployments(pairs.join(','), { ...env, ...keys });
}

function recordToPairs(record: object, setting: string): string {
  return Object.entries(record)
    .map(([model, deployment]) => {
      if (typeof deployment !== 'string')
        throw new InvalidPluginOptionsError(
          PROVIDER,
          `${setting}.${model}`,
          'must be a deployment name (string).',
        );
      return `${model}=${deployment}`;
    })
    .join(',');
}

function checkBaseUrl(
  read: PluginOptionsReader,
  value: string,
  key: string,
  variable: string,
): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return read.fail(
      key,
      variable,
      'must be an absolute http(s) URL such as https://my-resource.openai.azure.com.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    read.fail(key, variable, 'must use http or https.');
  if (url.search !== '' || url.hash !== '')
    read.fail(key, variable, 'must not contain a query or fragment.');
  return value.replace(/\/+$/, '');
}
