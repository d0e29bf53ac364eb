import type { EnvV1 } from '@multi-ai-proxy/core';
import { createPluginOptionsReader } from '@multi-ai-proxy/core/provider-utils';

export const DEFAULT_GOOGLE_BASE_URL = 'https://generativelanguage.googleapis.com';

/**
 * Retired model names (Gemini 1.0 and PaLM embeddings, all shut down) → current models, so clients
 * written for them keep working. Gemini 1.0 Pro was the mid-size, low-latency model: 2.5 Flash is its
 * counterpart in price and speed today (2.5 Pro cannot switch thinking off). `embedding-001` is
 * retired: gemini-embedding-001.
 */
export const DEFAULT_GOOGLE_MODEL_ALIASES: Readonly<Record<string, string>> = {
  'gemini-pro': 'gemini-2.5-flash',
  'gemini-pro-vision': 'gemini-2.5-flash',
  'embedding-gecko-001': 'gemini-embedding-001',
};

/** Only names that are clearly Gemini API models (Imagen included): `text-embedding-*` also exists on Azure. */
export const DEFAULT_GOOGLE_MODEL_PATTERNS: readonly string[] = ['gemini-*', 'gemma-*', 'imagen-*'];

export interface GoogleProviderOptions {
  /** GOOGLE_AI_STUDIO_API_KEY: sent as `x-goog-api-key`. Optional when client keys are accepted. */
  apiKey: string | undefined;
  /** GOOGLE_AI_STUDIO_ENDPOINT: scheme, host, port and path prefix. */
  baseUrl: string;
  /** GOOGLE_AI_STUDIO_API_VERSION: `v1beta` (default; tools, thinking, JSON Schema) or `v1`. */
  apiVersion: string;
  /** GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY: use a Gemini key the client sends (see README for precedence). */
  acceptClientKey: boolean;
  /** Alias table, lower-cased names (defaults merged with GOOGLE_AI_STUDIO_MODEL_ALIASES / `aliases`, which win). */
  aliases: Record<string, string>;
  modelPatterns: string[];
  /** How long the upstream model list is cached, ms (0: not cached). */
  modelsCacheTtlMs: number;
  /** http(s) image URLs in messages are downloaded and inlined. */
  remoteMedia: {
    enabled: boolean;
    maxBytes: number;
    timeoutMs: number;
    allowPrivateNetwork: boolean;
  };
  /** Inputs per `batchEmbedContents` call (Gemini's limit is 100). */
  embedBatchSize: number;
  /** Raw JSON Schema (`parametersJsonSchema`/`responseJsonSchema`) vs the sanitized Schema subset. */
  jsonSchema: 'auto' | 'always' | 'never';
}

/** Config-file options (`raw`, wins) completed from the environment. Never echoes a secret. */
export function parseGoogleProviderOptions(raw: unknown, env: EnvV1): GoogleProviderOptions {
  const read = createPluginOptionsReader('google', raw, env);
  const apiKey = read.string('apiKey', 'GOOGLE_AI_STUDIO_API_KEY');
  const acceptClientKey =
    read.boolean('acceptClientKey', 'GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY') ?? false;
  if (apiKey === undefined && !acceptClientKey) {
    read.fail(
      'apiKey',
      'GOOGLE_AI_STUDIO_API_KEY',
      'is not set. Set it to a Gemini API key from https://aistudio.google.com/apikey (or set GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY=true to use the keys clients send).',
    );
  }

  const baseUrl = read.string('baseUrl', 'GOOGLE_AI_STUDIO_ENDPOINT') ?? DEFAULT_GOOGLE_BASE_URL;
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    return read.fail(
      'baseUrl',
      'GOOGLE_AI_STUDIO_ENDPOINT',
      'is not a valid URL (expected e.g. https://generativelanguage.googleapis.com).',
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    read.fail('baseUrl', 'GOOGLE_AI_STUDIO_ENDPOINT', 'must be an http(s) URL.');
  if (parsed.search || parsed.username || parsed.password) {
    read.fail(
      'baseUrl',
      'GOOGLE_AI_STUDIO_ENDPOINT',
      'must not contain a query string or credentials; the key goes in GOOGLE_AI_STUDIO_API_KEY.',
    );
  }

  const apiVersion = read.string('apiVersion', 'GOOGLE_AI_STUDIO_API_VERSION') ?? 'v1beta';
  if (!/^v\d+(alpha|beta)?\d*$/.test(apiVersion))
    read.fail('apiVersion', 'GOOGLE_AI_STUDIO_API_VERSION', 'must look like v1beta or v1.');

  const media = read.section('remoteMedia');
  return {
    apiKey,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiVersion,
    acceptClientKey,
    aliases: read.aliases(
      'aliases',
      'GOOGLE_AI_STUDIO_MODEL_ALIASES',
      DEFAULT_GOOGLE_MODEL_ALIASES,
    ),
    modelPatterns: read.list('modelPatterns') ?? [...DEFAULT_GOOGLE_MODEL_PATTERNS],
    modelsCacheTtlMs:
      read.number('modelsCacheTtlMs', undefined, { min: 0, unit: 'milliseconds' }) ?? 10 * 60_000,
    remoteMedia: {
      enabled: media.boolean('enabled', 'GOOGLE_AI_STUDIO_FETCH_IMAGE_URLS') ?? true,
      maxBytes:
        media.number('maxBytes', undefined, { min: 1, integer: true, unit: 'bytes' }) ??
        20 * 1024 * 1024,
      timeoutMs: media.number('timeoutMs', undefined, { min: 1, unit: 'milliseconds' }) ?? 10_000,
      allowPrivateNetwork:
        media.boolean('allowPrivateNetwork', 'GOOGLE_AI_STUDIO_ALLOW_PRIVATE_IMAGE_URLS') ?? false,
    },
    embedBatchSize:
      read.number('embedBatchSize', undefined, { min: 1, max: 100, integer: true }) ?? 100,
    jsonSchema: read.oneOf('jsonSchema', undefined, ['auto', 'always', 'never'] as const) ?? 'auto',
  };
}
