import type { CallContextV1, LoggerV1 } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import type { Dispatch } from '../services/provider-registry.js';
import type { GatewayState } from './gateway-state.js';

// Credentials are handed over as `credentials`; the body's encoding and length describe the
// client's bytes, which the provider may re-encode; the request id is the gateway's.
const SKIPPED_HEADERS = new Set(['authorization', 'proxy-authorization', 'api-key', 'x-goog-api-key', 'cookie', 'content-encoding', 'content-length', 'x-request-id']);

/** The provider's view of one request. Credential headers are removed: providers read `credentials`. */
export function buildCallContext(ctx: Context & { state: GatewayState }, dispatch: Dispatch, logger: LoggerV1, rawBody: Uint8Array | undefined): CallContextV1 {
  const state = ctx.state;
  state.provider = dispatch.provider.instanceName;
  state.model = dispatch.model;
  state.upstreamModel = dispatch.upstreamModel;
  const headers: Record<string, string | undefined> = {};
  const incoming = ctx.req.headers;
  for (const name in incoming) {
    if (SKIPPED_HEADERS.has(name)) continue;
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
    credentials: state.credentials,
    logger,
  };
}
