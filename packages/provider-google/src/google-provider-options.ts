import type { EnvV1 } from '@multi-ai-proxy/core';
import { InvalidPluginOptionsError } from '@multi-ai-proxy/core';

export const DEFAULT_GOOGLE_BASE_URL = 'https://generativelanguage.googleapis.com';

/**
 * The seed's model names (Gemini 1.0 and PaLM embeddings, all shut down) → current models.
 * Gemini 1.0 Pro was the mid-size, low-latency model: 2.5 Flash is its counterpart in price and
 * speed today (2.5 Pro cannot switch thinking off). `embedding-001` is retired: gemini-embedding-001.
 */
export const DEFAULT_GOOGLE_MODEL_ALIASES: Readonly<Record<string, string>> = {
  'gemini-pro': 'gemini-2.5-flash',
  'gemini-pro-vision': 'gemini-2.5-flash',
  'embedding-gecko-001': 'gemini-embedding-001',
};

/** Only names that are clearly Gemini API models: `text-embedding-*` also exists on Azure. */
export const DEFAULT_GOOGLE_MODEL_PATTERNS: readonly string[] = ['gemini-*', 'gemma-*'];

export interface GoogleProviderOptions {
  /** GOOGLE_AI_STUDIO_API_KEY: sent as `x-goog-api-key`. Optional when client keys are accepted. */
  apiKey: string | undefined;
  /** GOOGLE_AI_STUDIO_ENDPOINT: scheme, host, port and path prefix. */
  baseUrl: string;
  /** GOOGLE_AI_STUDIO_API_VERSION: `v1beta` (default; tools, thinking, JSON Schema) or `v1`. */
  apiVersion: string;
  /** GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY: use a Gemini key the client sends (see README for precedence). */
  acceptClientKey: boolean;
  /** Alias table (defaults merged with GOOGLE_AI_STUDIO_MODEL_ALIASES / `aliases`, which win). */
  aliases: Record<string, string>;
  modelPatterns: string[];
  /** How long the upstream model list is cached, ms. */
  modelsCacheTtlMs: number;
  /** http(s) image URLs in messages are downloaded and inlined. */
  remoteMedia: { enabled: boolean; maxBytes: number; timeoutMs: number; allowPrivateNetwork: boolean };
  /** Inputs per `batchEmbedContents` call (Gemini's limit is 100). */
  embedBatchSize: number;
  /** Raw JSON Schema (`parametersJsonSchema`/`responseJsonSchema`) vs the sanitized Schema subset. */
  jsonSchema: 'auto' | 'always' | 'never';
}

const PROVIDER = 'google';

/** Config-file options (`raw`, wins) completed from the environment. Never echoes a secret. */
export function parseGoogleProviderOptions(raw: unknown, env: EnvV1): GoogleProviderOptions {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new InvalidPluginOptionsError(PROVIDER, 'options', 'must be an object.');
  }
  const input = (raw ?? {}) as Record<string, unknown>;

  const apiKey = optionalString(input.apiKey, 'apiKey') ?? nonEmpty(env.GOOGLE_AI_STUDIO_API_KEY);
  const acceptClientKey = optionalBoolean(input.acceptClientKey, 'acceptClientKey') ?? envBoolean(env, 'GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY') ?? false;
  if (apiKey === undefined && !acceptClientKey) {
    throw new InvalidPluginOptionsError(
      PROVIDER,
      'GOOGLE_AI_STUDIO_API_KEY',
      'is not set. Set it to a Gemini API key from https://aistudio.google.com/apikey (or set GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY=true to use the keys clients send).',
    );
  }

  const baseUrl = optionalString(input.baseUrl, 'baseUrl') ?? nonEmpty(env.GOOGLE_AI_STUDIO_ENDPOINT) ?? DEFAULT_GOOGLE_BASE_URL;
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new InvalidPluginOptionsError(PROVIDER, 'GOOGLE_AI_STUDIO_ENDPOINT', 'is not a valid URL (expected e.g. https://generativelanguage.googleapis.com).');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidPluginOptionsError(PROVIDER, 'GOOGLE_AI_STUDIO_ENDPOINT', 'must be an http(s) URL.');
  }
  if (parsed.search || parsed.username || parsed.password) {
    throw new InvalidPluginOptionsError(PROVIDER, 'GOOGLE_AI_STUDIO_ENDPOINT', 'must not contain a query string or credentials; the key goes in GOOGLE_AI_STUDIO_API_KEY.');
  }

  const apiVersion = optionalString(input.apiVersion, 'apiVersion') ?? nonEmpty(env.GOOGLE_AI_STUDIO_API_VERSION) ?? 'v1beta';
  if (!/^v\d+(alpha|beta)?\d*$/.test(apiVersion)) throw new InvalidPluginOptionsError(PROVIDER, 'GOOGLE_AI_STUDIO_API_VERSION', 'must look like v1beta or v1.');

  const aliases: Record<string, string> = { ...DEFAULT_GOOGLE_MODEL_ALIASES, ...parseAliases(env.GOOGLE_AI_STUDIO_MODEL_ALIASES), ...aliasObject(input.aliases) };
  const modelPatterns = stringArray(input.modelPatterns, 'modelPatterns') ?? [...DEFAULT_GOOGLE_MODEL_PATTERNS];
  const media = (input.remoteMedia ?? {}) as Record<string, unknown>;
  if (typeof media !== 'object' || media === null) throw new InvalidPluginOptionsError(PROVIDER, 'remoteMedia', 'must be an object.');

  const jsonSchema = input.jsonSchema ?? 'auto';
  if (jsonSchema !== 'auto' && jsonSchema !== 'always' && jsonSchema !== 'never') {
    throw new InvalidPluginOptionsError(PROVIDER, 'jsonSchema', 'must be "auto", "always" or "never".');
  }
  return {
    apiKey,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiVersion,
    acceptClientKey,
    aliases,
    modelPatterns,
    modelsCacheTtlMs: positiveNumber(input.modelsCacheTtlMs, 'modelsCacheTtlMs') ?? 10 * 60_000,
    remoteMedia: {
      enabled: optionalBoolean(media.enabled, 'remoteMedia.enabled') ?? envBoolean(env, 'GOOGLE_AI_STUDIO_FETCH_IMAGE_URLS') ?? true,
      maxBytes: positiveNumber(media.maxBytes, 'remoteMedia.maxBytes') ?? 20 * 1024 * 1024,
      timeoutMs: positiveNumber(media.timeoutMs, 'remoteMedia.timeoutMs') ?? 10_000,
      allowPrivateNetwork: optionalBoolean(media.allowPrivateNetwork, 'remoteMedia.allowPrivateNetwork') ?? envBoolean(env, 'GOOGLE_AI_STUDIO_ALLOW_PRIVATE_IMAGE_URLS') ?? false,
    },
    embedBatchSize: Math.min(100, positiveNumber(input.embedBatchSize, 'embedBatchSize') ?? 100),
    jsonSchema,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function optionalString(value: unknown, setting: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidPluginOptionsError(PROVIDER, setting, 'must be a non-empty string.');
  return value.trim();
}

function optionalBoolean(value: unknown, setting: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new InvalidPluginOptionsError(PROVIDER, setting, 'must be true or false.');
  return value;
}

function envBoolean(env: EnvV1, name: string): boolean | undefined {
  const value = nonEmpty(env[name])?.toLowerCase();
  if (value === undefined) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new InvalidPluginOptionsError(PROVIDER, name, 'must be true or false.');
}

function positiveNumber(value: unknown, setting: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InvalidPluginOptionsError(PROVIDER, setting, 'must be a positive number.');
  return value;
}

function stringArray(value: unknown, setting: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) throw new InvalidPluginOptionsError(PROVIDER, setting, 'must be an array of strings.');
  return value as string[];
}

function aliasObject(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((entry) => typeof entry === 'string')) {
    throw new InvalidPluginOptionsError(PROVIDER, 'aliases', 'must map model names to model names (strings).');
  }
  return Object.fromEntries(Object.entries(value as Record<string, string>).map(([alias, target]) => [alias.toLowerCase(), target]));
}

/** `GOOGLE_AI_STUDIO_MODEL_ALIASES="gemini-pro=gemini-2.5-pro,fast=gemini-2.5-flash-lite"`. */
function parseAliases(value: string | undefined): Record<string, string> {
  const text = nonEmpty(value);
  if (!text) return {};
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [alias, target] = pair.split('=').map((part) => part.trim());
    if (!alias || !target) throw new InvalidPluginOptionsError(PROVIDER, 'GOOGLE_AI_STUDIO_MODEL_ALIASES', 'must be a comma-separated list of alias=model pairs.');
    out[alias.toLowerCase()] = target;
  }
  return out;
}
