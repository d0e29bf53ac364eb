import type { Middleware } from 'koa';
import { AuthenticationError } from '@multi-ai-proxy/core';
import type { KeyDirectory } from '../../keys/key-directory.js';
import type { GatewayState } from '../gateway-state.js';
import { readClientCredentials } from '../read-client-credentials.js';

/**
 * With gateway keys configured (the config file's `keys`, MULTI_AI_PROXY_API_KEYS), every API request
 * must carry one (Bearer, api-key or x-api-key), compared in constant time against SHA-256 digests; the
 * key is recorded on `ctx.state.key` and providers get no client credentials (they use their server-side
 * ones). Without keys, the client's credentials are handed to providers (each gets the headers its
 * plugin declared).
 */
export function createGatewayAuthMiddleware(
  directory: KeyDirectory,
  credentialHeaders: readonly string[],
): Middleware<GatewayState> {
  return async (ctx, next) => {
    const credentials = readClientCredentials(ctx.headers, credentialHeaders);
    if (!directory.enabled) {
      ctx.state.credentials = credentials;
      return next();
    }
    const key = directory.identify(credentials, ctx.get('x-api-key') || undefined);
    if (key === undefined) {
      throw new AuthenticationError(
        'Missing or invalid gateway API key. Send a gateway key (config file "keys" or MULTI_AI_PROXY_API_KEYS) as "Authorization: Bearer <key>", "api-key: <key>" or "x-api-key: <key>".',
      );
    }
    ctx.state.key = key;
    // The key's public id (never the key) for the access log and traces.
    if (ctx.state.telemetry !== undefined) ctx.state.telemetry.keyId = key.id;
    ctx.state.credentials = undefined;
    return next();
  };
}
