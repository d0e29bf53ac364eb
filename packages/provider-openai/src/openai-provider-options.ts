import type { EnvV1 } from '@multi-ai-proxy/core';
import {
  createPluginOptionsReader,
  type PluginOptionsReader,
} from '@multi-ai-proxy/core/provider-utils';

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

/** Options from the config file (`raw`, wins) completed from the environment. */
export function parseOpenAIProviderOptions(raw: unknown, env: EnvV1): OpenAIProviderOptions {
  const read = createPluginOptionsReader('openai', raw, env);
  const ttlSeconds =
    read.number('modelsCacheTtlSeconds', 'OPENAI_MODELS_CACHE_TTL_SECONDS', {
      min: 0,
      unit: 'seconds',
    }) ?? 300;
  return {
    endpoint: normalizeOpenAIEndpoint(read),
    apiKey: read.string('apiKey', 'OPENAI_API_KEY'),
    modelPatterns: read.list('modelPatterns') ?? [],
    modelsCacheTtlMs: ttlSeconds * 1000,
  };
}

/** Trailing slashes go; a trailing `/v1` too, because every route path starts with `/v1`. */
function normalizeOpenAIEndpoint(read: PluginOptionsReader): string {
  const endpoint = read.string('endpoint', 'OPENAI_API_ENDPOINT') ?? DEFAULT_OPENAI_ENDPOINT;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return read.fail(
      'endpoint',
      'OPENAI_API_ENDPOINT',
      'must be an absolute http(s) URL such as https://api.openai.com.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    read.fail('endpoint', 'OPENAI_API_ENDPOINT', 'must use http or https.');
  if (url.search !== '' || url.hash !== '')
    read.fail('endpoint', 'OPENAI_API_ENDPOINT', 'must not contain a query or fragment.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
}
