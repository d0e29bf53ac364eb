import { type EnvV1, InvalidPluginOptionsError } from '@multi-ai-proxy/core';
import { type GoogleCredentialsFile, readCredentialsFile, type ServiceAccountKey, toServiceAccountKey } from './read-service-account-key.js';
import { resolveVertexBaseUrl, VERTEX_GLOBAL_BASE_URL } from './resolve-vertex-base-url.js';
import { DEFAULT_VERTEX_MODEL_ALIASES, DEFAULT_VERTEX_MODEL_PATTERNS } from './vertex-model-aliases.js';
import { withHiddenSecret } from './with-hidden-secret.js';

const PROVIDER = 'vertex';

export type VertexAuthOptions =
  /** A service-account key file: JWT-bearer flow against the key's token_uri. */
  | { kind: 'service-account'; keyFile: string; key: ServiceAccountKey }
  /** google-auth-library's Application Default Credentials (optionally a non-service-account credentials file). */
  | { kind: 'application-default'; keyFile: string | undefined }
  /** Vertex AI express mode: an API key in `x-goog-api-key`, no project in the path. */
  | { kind: 'api-key'; apiKey: string };

export interface VertexOptions {
  /** Undefined in express mode, and with ADC until createProvider asks the credentials. */
  projectId: string | undefined;
  location: string;
  /** Scheme, host, port and optional path prefix; the `/v1/...` path is appended. */
  baseUrl: string;
  apiVersion: 'v1' | 'v1beta1';
  auth: VertexAuthOptions;
  /** Lower-cased alias → upstream model. */
  modelAliases: Readonly<Record<string, string>>;
  modelPatterns: readonly string[];
  modelsCacheTtlMs: number;
  /** http(s) image URLs in chat messages: downloaded by the gateway and inlined (Vertex fetches only gs:// itself). */
  remoteMedia: { enabled: boolean; maxBytes: number; timeoutMs: number; allowPrivateNetwork: boolean };
}

/** The `options` object of a `vertex` instance in the gateway config file; env vars fill the gaps. */
export interface VertexRawOptions {
  projectId?: string;
  location?: string;
  baseUrl?: string;
  apiVersion?: string;
  credentialsFile?: string;
  apiKey?: string;
  auth?: 'service-account' | 'application-default' | 'api-key';
  aliases?: Record<string, string | null>;
  modelPatterns?: string[];
  modelsCacheTtlMs?: number;
  remoteMedia?: { enabled?: boolean; maxBytes?: number; timeoutMs?: number; allowPrivateNetwork?: boolean };
}

const LOCATION_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;
// Project ids (and legacy domain-scoped ones, `example.com:project`); never `/`, `?` or `#` in a URL path.
const PROJECT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.:_-]*$/;
const DEFAULT_MODELS_CACHE_TTL_MS = 10 * 60 * 1000;

/** Validates the `vertex` options and completes them from the environment (the config file wins). */
export function parseVertexOptions(raw: unknown, env: EnvV1): VertexOptions {
  const options = asRawOptions(raw);
  const location = text(options.location, 'options.location') ?? nonEmpty(env.VERTEX_AI_LOCATION) ?? 'us-central1';
  if (!LOCATION_PATTERN.test(location)) {
    throw new InvalidPluginOptionsError(PROVIDER, 'VERTEX_AI_LOCATION', 'must be a Vertex AI location such as "us-central1", "global", "us" or "eu".');
  }
  const apiVersion = text(options.apiVersion, 'options.apiVersion') ?? nonEmpty(env.VERTEX_AI_API_VERSION) ?? 'v1';
  if (apiVersion !== 'v1' && apiVersion !== 'v1beta1') {
    throw new InvalidPluginOptionsError(PROVIDER, 'VERTEX_AI_API_VERSION', 'must be "v1" or "v1beta1".');
  }
  const auth = resolveAuth(options, env);
  const keyProject = auth.kind === 'service-account' ? auth.key.projectId : undefined;
  const projectId = text(options.projectId, 'options.projectId') ?? nonEmpty(env.VERTEX_AI_PROJECT_ID) ?? keyProject;
  if (projectId !== undefined && !PROJECT_PATTERN.test(projectId)) {
    throw new InvalidPluginOptionsError(PROVIDER, 'VERTEX_AI_PROJECT_ID', 'is not a valid Google Cloud project id.');
  }
  if (auth.kind === 'service-account' && projectId === undefined) {
    throw new InvalidPluginOptionsError(PROVIDER, 'VERTEX_AI_PROJECT_ID', 'is not set and the service-account key has no "project_id". Set VERTEX_AI_PROJECT_ID.');
  }
  const endpoint = text(options.baseUrl, 'options.baseUrl') ?? nonEmpty(env.VERTEX_AI_ENDPOINT);
  // Express mode serves the global endpoint only.
  const baseUrl = endpoint !== undefined ? checkEndpoint(endpoint) : auth.kind === 'api-key' ? VERTEX_GLOBAL_BASE_URL : resolveVertexBaseUrl(location);
  return {
    projectId: auth.kind === 'api-key' ? undefined : projectId,
    location,
    baseUrl,
    apiVersion,
    auth,
    modelAliases: resolveAliases(options.aliases, env.VERTEX_AI_MODEL_ALIASES),
    modelPatterns: resolvePatterns(options.modelPatterns, env.VERTEX_AI_MODEL_PATTERNS),
    modelsCacheTtlMs: resolveTtlMs(options.modelsCacheTtlMs),
    remoteMedia: resolveRemoteMedia(options.remoteMedia, env),
  };
}

function resolveRemoteMedia(raw: unknown, env: EnvV1): VertexOptions['remoteMedia'] {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw new InvalidPluginOptionsError(PROVIDER, 'options.remoteMedia', 'must be an object.');
  }
  const media = (raw ?? {}) as Record<string, unknown>;
  return {
    enabled: flag(media.enabled, 'options.remoteMedia.enabled') ?? envFlag(env, 'VERTEX_AI_FETCH_IMAGE_URLS') ?? true,
    maxBytes: positive(media.maxBytes, 'options.remoteMedia.maxBytes') ?? 20 * 1024 * 1024,
    timeoutMs: positive(media.timeoutMs, 'options.remoteMedia.timeoutMs') ?? 10_000,
    allowPrivateNetwork: flag(media.allowPrivateNetwork, 'options.remoteMedia.allowPrivateNetwork') ?? envFlag(env, 'VERTEX_AI_ALLOW_PRIVATE_IMAGE_URLS') ?? false,
  };
}

function flag(value: unknown, setting: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new InvalidPluginOptionsError(PROVIDER, setting, 'must be true or false.');
  return value;
}

function envFlag(env: EnvV1, name: string): boolean | undefined {
  const value = nonEmpty(env[name])?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1' || value === 'yes') return true;
  if (value === 'false' || value === '0' || value === 'no') return false;
  throw new InvalidPluginOptionsError(PROVIDER, name, 'must be true or false.');
}

function positive(value: unknown, setting: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InvalidPluginOptionsError(PROVIDER, setting, 'must be a positive number.');
  return value;
}

/**
 * Which credentials to use: an explicit `auth`, else the credentials file (GOOGLE_APPLICATION_CREDENTIALS),
 * else an express-mode API key (VERTEX_AI_API_KEY), else Application Default Credentials.
 */
function resolveAuth(options: VertexRawOptions, env: EnvV1): VertexAuthOptions {
  const keyFileSetting = options.credentialsFile !== undefined ? 'options.credentialsFile' : 'GOOGLE_APPLICATION_CREDENTIALS';
  const keyFile = text(options.credentialsFile, 'options.credentialsFile') ?? nonEmpty(env.GOOGLE_APPLICATION_CREDENTIALS);
  const apiKey = text(options.apiKey, 'options.apiKey') ?? nonEmpty(env.VERTEX_AI_API_KEY);
  const wanted = options.auth;
  if (wanted !== undefined && wanted !== 'service-account' && wanted !== 'application-default' && wanted !== 'api-key') {
    throw new InvalidPluginOptionsError(PROVIDER, 'options.auth', 'must be "service-account", "application-default" or "api-key".');
  }
  if (wanted === 'api-key' || (wanted === undefined && keyFile === undefined && apiKey !== undefined)) {
    if (apiKey === undefined) throw new InvalidPluginOptionsError(PROVIDER, 'VERTEX_AI_API_KEY', 'is not set, but options.auth is "api-key". Set VERTEX_AI_API_KEY to a Vertex AI express-mode API key.');
    return withHiddenSecret({ kind: 'api-key' as const }, 'apiKey', apiKey);
  }
  if (keyFile === undefined) {
    if (wanted === 'service-account') {
      throw new InvalidPluginOptionsError(PROVIDER, 'GOOGLE_APPLICATION_CREDENTIALS', 'is not set. Point it at a service-account key file (JSON).');
    }
    return { kind: 'application-default', keyFile: undefined };
  }
  const file: GoogleCredentialsFile = readCredentialsFile(PROVIDER, keyFileSetting, keyFile);
  if (file.type === 'service_account' || wanted === 'service-account' || (file.type === undefined && file.private_key !== undefined)) {
    return { kind: 'service-account', keyFile, key: toServiceAccountKey(PROVIDER, keyFileSetting, keyFile, file) };
  }
  if (file.type === undefined) {
    throw new InvalidPluginOptionsError(PROVIDER, keyFileSetting, `points at "${keyFile}", which is not a Google credentials file (no "type" and no "private_key").`);
  }
  // authorized_user, external_account, impersonated_service_account…: google-auth-library knows them all.
  return { kind: 'application-default', keyFile };
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidPluginOptionsError(PROVIDER, 'VERTEX_AI_ENDPOINT', 'is not a URL. Use e.g. "https://us-central1-aiplatform.googleapis.com" or "http://127.0.0.1:9000".');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new InvalidPluginOptionsError(PROVIDER, 'VERTEX_AI_ENDPOINT', 'must be an http(s) base URL without query, fragment or credentials.');
  }
  return endpoint.replace(/\/+$/, '');
}

function resolveAliases(raw: unknown, envValue: string | undefined): Record<string, string> {
  const aliases: Record<string, string> = { ...DEFAULT_VERTEX_MODEL_ALIASES };
  const set = (alias: string, target: string | null, setting: string) => {
    const key = alias.trim().toLowerCase();
    if (key === '') throw new InvalidPluginOptionsError(PROVIDER, setting, 'has an empty alias name.');
    if (target === null || target.trim() === '') delete aliases[key];
    else aliases[key] = target.trim();
  };
  for (const entry of (envValue ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const [alias, target, ...rest] = entry.split('=');
    if (alias === undefined || target === undefined || rest.length > 0) {
      throw new InvalidPluginOptionsError(PROVIDER, 'VERTEX_AI_MODEL_ALIASES', 'must be a comma-separated list of alias=model pairs (an empty model removes a default alias).');
    }
    set(alias, target, 'VERTEX_AI_MODEL_ALIASES');
  }
  if (raw !== undefined) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new InvalidPluginOptionsError(PROVIDER, 'options.aliases', 'must be an object of alias → model (null removes a default alias).');
    }
    for (const [alias, target] of Object.entries(raw)) {
      if (target !== null && typeof target !== 'string') {
        throw new InvalidPluginOptionsError(PROVIDER, 'options.aliases', `has a non-string target for "${alias}".`);
      }
      set(alias, target, 'options.aliases');
    }
  }
  return aliases;
}

function resolvePatterns(raw: unknown, envValue: string | undefined): readonly string[] {
  if (raw !== undefined) {
    if (!Array.isArray(raw) || raw.some((pattern) => typeof pattern !== 'string' || pattern.trim() === '')) {
      throw new InvalidPluginOptionsError(PROVIDER, 'options.modelPatterns', 'must be an array of non-empty glob strings (e.g. ["gemini-*"]).');
    }
    return raw.map((pattern: string) => pattern.trim());
  }
  if (envValue !== undefined) {
    return envValue
      .split(',')
      .map((pattern) => pattern.trim())
      .filter((pattern) => pattern !== '');
  }
  return DEFAULT_VERTEX_MODEL_PATTERNS;
}

function resolveTtlMs(raw: unknown): number {
  if (raw === undefined) return DEFAULT_MODELS_CACHE_TTL_MS;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
    throw new InvalidPluginOptionsError(PROVIDER, 'options.modelsCacheTtlMs', 'must be a number of milliseconds ≥ 0.');
  }
  return raw;
}

function asRawOptions(raw: unknown): VertexRawOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidPluginOptionsError(PROVIDER, 'options', 'must be an object.');
  }
  return raw as VertexRawOptions;
}

function text(value: unknown, setting: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidPluginOptionsError(PROVIDER, setting, 'must be a string.');
  return nonEmpty(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
