import type {
  CallContextV1,
  ClientCredentialsV1,
  LoggerV1,
  ModelCallContextV1,
} from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import type { Dispatch, ModelDispatch, ProviderRegistry } from '../services/provider-registry.js';
import type { GatewayState } from './gateway-state.js';

// Credentials are handed over as `credentials`; the body's encoding and length describe the
// client's bytes, which the provider may re-encode; the request id is the gateway's.
const SKIPPED_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'api-key',
  'cookie',
  'content-encoding',
  'content-length',
  'x-request-id',
]);

/** What the call context is built from besides the request: the registry and each instance's logger. */
export interface CallContextSources {
  registry: Pick<ProviderRegistry, 'credentialHeaders' | 'credentialHeadersOf'>;
  providerLoggers: ReadonlyMap<string, LoggerV1>;
}

/** The provider's view of one request. Credential headers are removed: providers read `credentials`. */
export function buildCallContext(
  ctx: Context & { state: GatewayState },
  dispatch: ModelDispatch,
  sources: CallContextSources,
  rawBody: Uint8Array | undefined,
): ModelCallContextV1;
export function buildCallContext(
  ctx: Context & { state: GatewayState },
  dispatch: Dispatch,
  sources: CallContextSources,
  rawBody: Uint8Array | undefined,
): CallContextV1;
export function buildCallContext(
  ctx: Context & { state: GatewayState },
  dispatch: Dispatch,
  sources: CallContextSources,
  rawBody: Uint8Array | undefined,
): CallContextV1 {
  const state = ctx.state;
  const instanceName = dispatch.provider.instanceName;
  const credentialHeaders = sources.registry.credentialHeaders;
  state.provider = instanceName;
  state.model = dispatch.model;
  state.upstreamModel = dispatch.upstreamModel;
  const headers: Record<string, string | undefined> = {};
  const incoming = ctx.req.headers;
  for (const name in incoming) {
    if (SKIPPED_HEADERS.has(name) || credentialHeaders.includes(name)) continue;
    const value = incoming[name];
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers['x-request-id'] = state.requestId;
  return {
    signal: state.abortController.signal,
    requestId: state.requestId,
    model: dispatch.model,
    upstreamModel: dispatch.upstreamModel,
    headers,
    search: ctx.querystring,
    rawBody,
    credentials: narrowCredentials(
      state.credentials,
      sources.registry.credentialHeadersOf(instanceName),
    ),
    logger: sources.providerLoggers.get(instanceName) as LoggerV1,
  };
}

/** A provider sees only the credential headers its own plugin declared. */
function narrowCredentials(
  credentials: ClientCredentialsV1 | undefined,
  own: readonly string[],
): ClientCredentialsV1 | undefined {
  if (credentials?.headers === undefined) return credentials;
  let headers: Record<string, string> | undefined;
  for (const name of own) {
    const value = credentials.headers[name];
    if (value === undefined) continue;
    headers ??= {};
    headers[name] = value;
  }
  const { headers: _all, ...rest } = credentials;
  return headers === undefined ? rest : { ...rest, headers };
}
