import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { AuthenticationError, type ClientCredentialsV1 } from '@multi-ai-proxy/core';
import type { GatewayState } from '../gateway-state.js';
import { readClientCredentials } from '../read-client-credentials.js';

/**
 * With gateway keys configured, every API request must carry one (Bearer, api-key or x-api-key), compared in
 * constant time; providers then get no client credentials and use their server-side ones. Without
 * keys, the client's credentials are handed to providers (each gets the headers its plugin declared).
 */
export function createGatewayAuthMiddleware(apiKeys: readonly string[], credentialHeaders: readonly string[]): Middleware<GatewayState> {
  const digests = apiKeys.map(digest);
  return async (ctx, next) => {
    const credentials = readClientCredentials(ctx.headers, credentialHeaders);
    if (digests.length === 0) {
      ctx.state.credentials = credentials;
      return next();
    }
    if (!isAccepted(credentials, ctx.get('x-api-key'), digests)) {
      throw new AuthenticationError('Missing or invalid gateway API key. Send one of the keys in MULTI_AI_PROXY_API_KEYS as "Authorization: Bearer <key>", "api-key: <key>" or "x-api-key: <key>".');
    }
    ctx.state.credentials = undefined;
    return next();
  };
}

// `x-api-key` is how Anthropic's SDKs and Claude Code (ANTHROPIC_API_KEY) send a key.
function isAccepted(credentials: ClientCredentialsV1, anthropicKey: string, digests: readonly Buffer[]): boolean {
  const offered = [credentials.bearer, credentials.apiKey, anthropicKey].filter((value): value is string => Boolean(value)).map(digest);
  let accepted = false;
  // Compare against every key without an early exit, so timing says nothing about which matched.
  for (const candidate of offered) {
    for (const expected of digests) accepted = timingSafeEqual(candidate, expected) || accepted;
  }
  return accepted;
}

// Digests have equal length whatever the key length, which timingSafeEqual requires.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
