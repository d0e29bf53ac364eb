import type { IncomingHttpHeaders } from 'node:http';
import type { ClientCredentialsV1 } from '@multi-ai-proxy/core';

const BEARER = /^bearer\s+/i;

/** `api-key`, `Authorization` (with or without `Bearer `) and `x-goog-api-key`, as the client sent them. */
export function readClientCredentials(headers: IncomingHttpHeaders): ClientCredentialsV1 {
  const credentials: ClientCredentialsV1 = {};
  const apiKey = headers['api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) credentials.apiKey = apiKey;
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    const bearer = authorization.replace(BEARER, '').trim();
    if (bearer.length > 0) credentials.bearer = bearer;
  }
  const googleKey = headers['x-goog-api-key'];
  if (typeof googleKey === 'string' && googleKey.length > 0) credentials.googleApiKey = googleKey;
  return credentials;
}
