import type { IncomingHttpHeaders } from 'node:http';
import type { ClientCredentialsV1 } from '@multi-ai-proxy/core';

const BEARER = /^bearer\s+/i;

/**
 * `api-key`, `Authorization` (with or without `Bearer `) and every header a loaded plugin declared in
 * `clientCredentialHeaders`, as the client sent them. The host narrows `headers` per provider.
 */
export function readClientCredentials(
  headers: IncomingHttpHeaders,
  declaredHeaders: readonly string[],
): ClientCredentialsV1 {
  const credentials: ClientCredentialsV1 = {};
  const apiKey = headers['api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) credentials.apiKey = apiKey;
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    const bearer = authorization.replace(BEARER, '').trim();
    if (bearer.length > 0) credentials.bearer = bearer;
  }
  let declared: Record<string, string> | undefined;
  for (const name of declaredHeaders) {
    const value = headers[name];
    if (typeof value !== 'string' || value.length === 0) continue;
    declared ??= {};
    declared[name] = value;
  }
  if (declared !== undefined) credentials.headers = declared;
  return credentials;
}
