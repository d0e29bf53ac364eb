import { type EnvV1, InvalidPluginOptionsError } from '@multi-ai-proxy/core';

export interface OpenAIProviderOptions {
  /** Base URL (scheme, host, port, path prefix), without a trailing slash or trailing `/v1`. */
  endpoint: string;
  /** Server-side key; replaces whatever key the client sends. */
  apiKey: string | undefined;
  /** Glob patterns this instance claims in routing (none by default: use prefixes or the default mode). */
  modelPatterns: string[];
  /** How long `GET /v1/models` answers are cached, in ms (0 = no cache). */
  modelsCacheTtlMs: number;
}

export const DEFAULT_OPENAI_ENDPOINT = 'https://api.openai.com';
const PROVIDER = 'openai';

/** Options from the config file (`raw`, wins) completed from the environment. */
export function parseOpenAIProviderOptions(raw: unknown, env: EnvV1): OpenAIProviderOptions {
  const options = (raw ?? {}) as Record<string, unknown>;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidPluginOptionsError(PROVIDER, 'options', 'must be an object.');
  }
  const endpoint = readString(options, 'endpoint', env.OPENAI_API_ENDPOINT) ?? DEFAULT_OPENAI_ENDPOINT;
  const apiKey = readString(options, 'apiKey', env.OPENAI_API_KEY);
  const modelPatterns = options.modelPatterns ?? [];
  if (!Array.isArray(modelPatterns) || modelPatterns.some((pattern) => typeof pattern !== 'string' || pattern.trim() === '')) {
    throw new InvalidPluginOptionsError(PROVIDER, 'modelPatterns', 'must be an array of non-empty glob strings such as "gpt-*".');
  }
  const ttlSeconds = options.modelsCacheTtlSeconds ?? env.OPENAI_MODELS_CACHE_TTL_SECONDS ?? 300;
  const ttl = Number(ttlSeconds);
  if (!Number.isFinite(ttl) || ttl < 0) {
    throw new InvalidPluginOptionsError(PROVIDER, 'OPENAI_MODELS_CACHE_TTL_SECONDS (modelsCacheTtlSeconds)', 'must be a number of seconds ≥ 0.');
  }
  return {
    endpoint: normalizeOpenAIEndpoint(endpoint),
    apiKey,
    modelPatterns: (modelPatterns as string[]).map((pattern) => pattern.trim()),
    modelsCacheTtlMs: ttl * 1000,
  };
}

/** Trailing slashes go; a trailing `/v1` too, because every route path starts with `/v1`. */
function normalizeOpenAIEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidPluginOptionsError(PROVIDER, 'OPENAI_API_ENDPOINT (endpoint)', 'must be an absolute http(s) URL such as https://api.openai.com.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidPluginOptionsError(PROVIDER, 'OPENAI_API_ENDPOINT (endpoint)', 'must use http or https.');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InvalidPluginOptionsError(PROVIDER, 'OPENAI_API_ENDPOINT (endpoint)', 'must not contain a query or fragment.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
}

function readString(options: Record<string, unknown>, name: string, fallback: string | undefined): string | undefined {
  const value = options[name];
  if (value !== undefined && typeof value !== 'string') {
    throw new InvalidPluginOptionsError(PROVIDER, name, 'must be a string.');
  }
  const chosen = (value ?? fallback)?.trim();
  return chosen === '' ? undefined : chosen;
}
