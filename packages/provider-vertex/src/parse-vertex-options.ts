import type { EnvV1 } from '@multi-ai-proxy/core';
import {
  createPluginOptionsReader,
  type PluginOptionsReader,
} from '@multi-ai-proxy/core/provider-utils';
import {
  type GoogleCredentialsFile,
  readCredentialsFile,
  type ServiceAccountKey,
  toServiceAccountKey,
} from './read-service-account-key.js';
import { checkVertexBaseUrl } from './check-vertex-base-url.js';
import {
  parseVertexModelGarden,
  type VertexModelGardenOptions,
} from './parse-vertex-model-garden.js';
import { resolveVertexBaseUrl, VERTEX_GLOBAL_BASE_URL } from './resolve-vertex-base-url.js';
import {
  DEFAULT_VERTEX_MODEL_ALIASES,
  DEFAULT_VERTEX_MODEL_PATTERNS,
} from './vertex-model-aliases.js';
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
  /** Model Garden ids and configured endpoint aliases (served by Vertex's OpenAI-compatible endpoints or tuned Gemini endpoints). */
  modelGarden: VertexModelGardenOptions;
  /** http(s) image URLs in chat messages: downloaded by the gateway and inlined (Vertex fetches only gs:// itself). */
  remoteMedia: {
    enabled: boolean;
    maxBytes: number;
    timeoutMs: number;
    allowPrivateNetwork: boolean;
  };
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
  modelGarden?: { publishers?: string[]; models?: string[] };
  /** alias → a Vertex endpoint: `{ endpoint: "1234" | "projects/…/endpoints/1234", api?: "gemini" | "openai", model?, baseUrl? }`. */
  endpoints?: Record<
    string,
    { endpoint: string; api?: 'gemini' | 'openai'; model?: string; baseUrl?: string }
  >;
  remoteMedia?: {
    enabled?: boolean;
    maxBytes?: number;
    timeoutMs?: number;
    allowPrivateNetwork?: boolean;
  };
}

const LOCATION_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;
// Project ids (and legacy domain-scoped ones, `example.com:project`); never `/`, `?` or `#` in a URL path.
const PROJECT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.:_-]*$/;
const DEFAULT_MODELS_CACHE_TTL_MS = 10 * 60 * 1000;

/** Validates the `vertex` options and completes them from the environment (the config file wins). */
export function parseVertexOptions(raw: unknown, env: EnvV1): VertexOptions {
  const read = createPluginOptionsReader(PROVIDER, raw, env);
  const location = read.string('location', 'VERTEX_AI_LOCATION') ?? 'us-central1';
  if (!LOCATION_PATTERN.test(location)) {
    read.fail(
      'location',
      'VERTEX_AI_LOCATION',
      'must be a Vertex AI location such as "us-central1", "global", "us" or "eu".',
    );
  }
  const apiVersion =
    read.oneOf('apiVersion', 'VERTEX_AI_API_VERSION', ['v1', 'v1beta1'] as const) ?? 'v1';
  const auth = resolveAuth(read);
  const keyProject = auth.kind === 'service-account' ? auth.key.projectId : undefined;
  const projectId = read.string('projectId', 'VERTEX_AI_PROJECT_ID') ?? keyProject;
  if (projectId !== undefined && !PROJECT_PATTERN.test(projectId))
    read.fail('projectId', 'VERTEX_AI_PROJECT_ID', 'is not a valid Google Cloud project id.');
  if (auth.kind === 'service-account' && projectId === undefined) {
    read.fail(
      'projectId',
      'VERTEX_AI_PROJECT_ID',
      'is not set and the service-account key has no "project_id". Set VERTEX_AI_PROJECT_ID.',
    );
  }
  const endpoint = read.string('baseUrl', 'VERTEX_AI_ENDPOINT');
  // Express mode serves the global endpoint only.
  const baseUrl =
    endpoint !== undefined
      ? checkVertexBaseUrl(read, 'baseUrl', 'VERTEX_AI_ENDPOINT', endpoint)
      : auth.kind === 'api-key'
        ? VERTEX_GLOBAL_BASE_URL
        : resolveVertexBaseUrl(location);
  const media = read.section('remoteMedia');
  const modelGarden = parseVertexModelGarden(read, raw, {
    projectId: auth.kind === 'api-key' ? undefined : projectId,
    location,
    baseUrlOverride: endpoint === undefined ? undefined : baseUrl,
    resolveBaseUrl: resolveVertexBaseUrl,
    expressMode: auth.kind === 'api-key',
  });
  return {
    projectId: auth.kind === 'api-key' ? undefined : projectId,
    location,
    baseUrl,
    apiVersion,
    auth,
    modelAliases: read.aliases('aliases', 'VERTEX_AI_MODEL_ALIASES', DEFAULT_VERTEX_MODEL_ALIASES),
    // Unset: the Gemini globs plus `{publisher}/*` of every Model Garden publisher.
    modelPatterns: read.list('modelPatterns', 'VERTEX_AI_MODEL_PATTERNS') ?? [
      ...DEFAULT_VERTEX_MODEL_PATTERNS,
      ...modelGarden.publishers.map((publisher) => `${publisher}/*`),
    ],
    modelsCacheTtlMs:
      read.number('modelsCacheTtlMs', undefined, { min: 0, unit: 'milliseconds' }) ??
      DEFAULT_MODELS_CACHE_TTL_MS,
    modelGarden,
    remoteMedia: {
      enabled: media.boolean('enabled', 'VERTEX_AI_FETCH_IMAGE_URLS') ?? true,
      maxBytes:
        media.number('maxBytes', undefined, { min: 1, integer: true, unit: 'bytes' }) ??
        20 * 1024 * 1024,
      timeoutMs: media.number('timeoutMs', undefined, { min: 1, unit: 'milliseconds' }) ?? 10_000,
      allowPrivateNetwork:
        media.boolean('allowPrivateNetwork', 'VERTEX_AI_ALLOW_PRIVATE_IMAGE_URLS') ?? false,
    },
  };
}

/**
 * Which credentials to use: an explicit `auth`, else the credentials file (GOOGLE_APPLICATION_CREDENTIALS),
 * else an express-mode API key (VERTEX_AI_API_KEY), else Application Default Credentials.
 */
function resolveAuth(read: PluginOptionsReader): VertexAuthOptions {
  const keyFileSetting = read.settingOf('credentialsFile', 'GOOGLE_APPLICATION_CREDENTIALS');
  const keyFile = read.string('credentialsFile', 'GOOGLE_APPLICATION_CREDENTIALS');
  const apiKey = read.string('apiKey', 'VERTEX_AI_API_KEY');
  const wanted = read.oneOf('auth', undefined, [
    'service-account',
    'application-default',
    'api-key',
  ] as const);
  if (
    wanted === 'api-key' ||
    (wanted === undefined && keyFile === undefined && apiKey !== undefined)
  ) {
    if (apiKey === undefined)
      read.fail(
        'apiKey',
        'VERTEX_AI_API_KEY',
        'is not set, but options.auth is "api-key". Set VERTEX_AI_API_KEY to a Vertex AI express-mode API key.',
      );
    return withHiddenSecret({ kind: 'api-key' as const }, 'apiKey', apiKey as string);
  }
  if (keyFile === undefined) {
    if (wanted === 'service-account')
      read.fail(
        'credentialsFile',
        'GOOGLE_APPLICATION_CREDENTIALS',
        'is not set. Point it at a service-account key file (JSON).',
      );
    return { kind: 'application-default', keyFile: undefined };
  }
  const file: GoogleCredentialsFile = readCredentialsFile(PROVIDER, keyFileSetting, keyFile);
  if (
    file.type === 'service_account' ||
    wanted === 'service-account' ||
    (file.type === undefined && file.private_key !== undefined)
  ) {
    return {
      kind: 'service-account',
      keyFile,
      key: toServiceAccountKey(PROVIDER, keyFileSetting, keyFile, file),
    };
  }
  if (file.type === undefined) {
    read.fail(
      'credentialsFile',
      'GOOGLE_APPLICATION_CREDENTIALS',
      `points at "${keyFile}", which is not a Google credentials file (no "type" and no "private_key").`,
    );
  }
  // authorized_user, external_account, impersonated_service_account…: google-auth-library knows them all.
  return { kind: 'application-default', keyFile };
}
