import type { EnvV1 } from '@multi-ai-proxy/core';
import {
  createPluginOptionsReader,
  type PluginOptionsReader,
} from '@multi-ai-proxy/core/provider-utils';
import {
  readCredentialsFile,
  resolveVertexBaseUrl,
  toServiceAccountKey,
  type VertexAuthOptions,
} from '@multi-ai-proxy/provider-vertex/auth';

const PROVIDER = 'anthropic';

export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';
export const DEFAULT_MAX_TOKENS = 8192;
export const DEFAULT_ANTHROPIC_MODEL_PATTERNS: readonly string[] = ['claude-*'];

export type AnthropicUpstreamKind = 'foundry' | 'vertex' | 'anthropic';

export type AnthropicUpstreamOptions =
  /** Claude in Azure AI Foundry: `{base}/v1/messages`, the deployment name as `model`, `x-api-key` or an Entra bearer. */
  | { kind: 'foundry'; baseUrl: string; apiKey: string | undefined }
  /** Claude on Vertex AI: `publishers/anthropic/models/{m}:rawPredict`, Google OAuth. */
  | {
      kind: 'vertex';
      baseUrl: string;
      projectId: string | undefined;
      region: string;
      auth: Exclude<VertexAuthOptions, { kind: 'api-key' }>;
    }
  /** Anthropic's own API (or anything speaking it): `{base}/v1/messages`, `x-api-key`. */
  | { kind: 'anthropic'; baseUrl: string; apiKey: string | undefined };

export interface AnthropicProviderOptions {
  upstream: AnthropicUpstreamOptions;
  /** `anthropic-version` sent to Foundry and Anthropic (Vertex takes `vertex-2023-10-16` in the body). */
  anthropicVersion: string;
  /** `max_tokens` for chat requests that name none (the Messages API requires it). */
  defaultMaxTokens: number;
  /** Lower-cased alias → upstream model (a Foundry deployment, a Vertex `claude-…@date` id). */
  modelAliases: Readonly<Record<string, string>>;
  modelPatterns: readonly string[];
  /** `anthropic-beta` tokens passed to the upstream; undefined = the built-in list for the upstream kind. */
  betaAllowlist: readonly string[] | undefined;
}

const REGION_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;
const PROJECT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.:_-]*$/;
const RESOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/**
 * Which upstream this instance speaks to: `upstream` (`ANTHROPIC_UPSTREAM`), else Claude Code's own
 * switches (`CLAUDE_CODE_USE_FOUNDRY`, `CLAUDE_CODE_USE_VERTEX`), else the first whose settings are
 * present: Foundry, Vertex, Anthropic.
 */
export function parseAnthropicProviderOptions(raw: unknown, env: EnvV1): AnthropicProviderOptions {
  const read = createPluginOptionsReader(PROVIDER, raw, env);
  const kind = resolveKind(read);
  return {
    upstream:
      kind === 'foundry'
        ? readFoundry(read)
        : kind === 'vertex'
          ? readVertex(read)
          : readAnthropic(read),
    anthropicVersion:
      read.string('anthropicVersion', 'ANTHROPIC_VERSION') ?? DEFAULT_ANTHROPIC_VERSION,
    defaultMaxTokens:
      read.number('defaultMaxTokens', 'ANTHROPIC_DEFAULT_MAX_TOKENS', {
        min: 1,
        integer: true,
        unit: 'tokens',
      }) ?? DEFAULT_MAX_TOKENS,
    modelAliases: read.aliases('aliases', 'ANTHROPIC_MODEL_ALIASES'),
    modelPatterns:
      read.list('modelPatterns', 'ANTHROPIC_MODEL_PATTERNS') ?? DEFAULT_ANTHROPIC_MODEL_PATTERNS,
    betaAllowlist: read.list('betaAllowlist', 'ANTHROPIC_BETA_ALLOWLIST'),
  };
}

function resolveKind(read: PluginOptionsReader): AnthropicUpstreamKind {
  const explicit = read.oneOf('upstream', 'ANTHROPIC_UPSTREAM', [
    'foundry',
    'vertex',
    'anthropic',
  ] as const);
  if (explicit !== undefined) return explicit;
  if (read.boolean('useFoundry', 'CLAUDE_CODE_USE_FOUNDRY')) return 'foundry';
  if (read.boolean('useVertex', 'CLAUDE_CODE_USE_VERTEX')) return 'vertex';
  if (
    read.string('foundryBaseUrl', 'ANTHROPIC_FOUNDRY_BASE_URL') !== undefined ||
    read.string('foundryResource', 'ANTHROPIC_FOUNDRY_RESOURCE') !== undefined
  )
    return 'foundry';
  if (read.string('vertexProjectId', 'ANTHROPIC_VERTEX_PROJECT_ID') !== undefined) return 'vertex';
  return 'anthropic';
}

function readFoundry(read: PluginOptionsReader): AnthropicUpstreamOptions {
  const base = read.string('foundryBaseUrl', 'ANTHROPIC_FOUNDRY_BASE_URL');
  const resource = read.string('foundryResource', 'ANTHROPIC_FOUNDRY_RESOURCE');
  if (base === undefined && resource === undefined) {
    read.fail(
      'foundryBaseUrl',
      'ANTHROPIC_FOUNDRY_BASE_URL',
      'is not set. Set it to https://<resource>.services.ai.azure.com/anthropic, or set ANTHROPIC_FOUNDRY_RESOURCE.',
    );
  }
  if (base === undefined && resource !== undefined && !RESOURCE_PATTERN.test(resource)) {
    read.fail(
      'foundryResource',
      'ANTHROPIC_FOUNDRY_RESOURCE',
      'must be an Azure resource name (letters, digits and hyphens).',
    );
  }
  const baseUrl =
    base !== undefined
      ? checkBaseUrl(read, 'foundryBaseUrl', 'ANTHROPIC_FOUNDRY_BASE_URL', base)
      : `https://${resource}.services.ai.azure.com/anthropic`;
  return {
    kind: 'foundry',
    baseUrl,
    apiKey: read.string('foundryApiKey', 'ANTHROPIC_FOUNDRY_API_KEY'),
  };
}

function readAnthropic(read: PluginOptionsReader): AnthropicUpstreamOptions {
  const base = read.string('baseUrl', 'ANTHROPIC_API_BASE_URL');
  const baseUrl =
    base === undefined
      ? DEFAULT_ANTHROPIC_BASE_URL
      : checkBaseUrl(read, 'baseUrl', 'ANTHROPIC_API_BASE_URL', base);
  return { kind: 'anthropic', baseUrl, apiKey: read.string('apiKey', 'ANTHROPIC_API_KEY') };
}

function readVertex(read: PluginOptionsReader): AnthropicUpstreamOptions {
  const region = read.string('region', 'CLOUD_ML_REGION') ?? 'global';
  if (!REGION_PATTERN.test(region))
    read.fail(
      'region',
      'CLOUD_ML_REGION',
      'must be a Vertex AI location such as "us-east5", "europe-west1" or "global".',
    );
  const auth = readVertexAuth(read);
  const keyProject = auth.kind === 'service-account' ? auth.key.projectId : undefined;
  const projectId = read.string('vertexProjectId', 'ANTHROPIC_VERTEX_PROJECT_ID') ?? keyProject;
  if (projectId !== undefined && !PROJECT_PATTERN.test(projectId))
    read.fail(
      'vertexProjectId',
      'ANTHROPIC_VERTEX_PROJECT_ID',
      'is not a valid Google Cloud project id.',
    );
  const base = read.string('vertexBaseUrl', 'ANTHROPIC_VERTEX_BASE_URL');
  const baseUrl =
    base === undefined
      ? resolveVertexBaseUrl(region)
      : checkBaseUrl(read, 'vertexBaseUrl', 'ANTHROPIC_VERTEX_BASE_URL', base);
  return { kind: 'vertex', baseUrl, projectId, region, auth };
}

/** A service-account key file (GOOGLE_APPLICATION_CREDENTIALS) or Application Default Credentials, checked by provider-vertex's code. */
function readVertexAuth(
  read: PluginOptionsReader,
): Exclude<VertexAuthOptions, { kind: 'api-key' }> {
  const setting = read.settingOf('credentialsFile', 'GOOGLE_APPLICATION_CREDENTIALS');
  const keyFile = read.string('credentialsFile', 'GOOGLE_APPLICATION_CREDENTIALS');
  if (keyFile === undefined) return { kind: 'application-default', keyFile: undefined };
  const file = readCredentialsFile(PROVIDER, setting, keyFile);
  if (
    file.type === 'service_account' ||
    (file.type === undefined && file.private_key !== undefined)
  ) {
    return {
      kind: 'service-account',
      keyFile,
      key: toServiceAccountKey(PROVIDER, setting, keyFile, file),
    };
  }
  if (file.type === undefined)
    read.fail(
      'credentialsFile',
      'GOOGLE_APPLICATION_CREDENTIALS',
      `points at "${keyFile}", which is not a Google credentials file.`,
    );
  return { kind: 'application-default', keyFile };
}

/** Scheme, host and path prefix without a trailing slash or `/v1` (every upstream path starts with `/v1`). */
function checkBaseUrl(
  read: PluginOptionsReader,
  key: string,
  envName: string,
  value: string,
): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return read.fail(key, envName, 'must be an absolute http(s) URL.');
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    read.fail(key, envName, 'must be an http(s) base URL without query, fragment or credentials.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
}
