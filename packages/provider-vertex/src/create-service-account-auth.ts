import { JWT } from 'google-auth-library';
import { mapTokenError } from './map-token-error.js';
import { DEFAULT_TOKEN_URI, type ServiceAccountKey } from './read-service-account-key.js';
import { CLOUD_PLATFORM_SCOPE, TOKEN_REFRESH_MARGIN_MS, type VertexAuth } from './vertex-auth.js';

/** Each token request: one retry on a server error or a lost connection, then fail fast. */
const TOKEN_REQUEST_RETRIES = 1;
const TOKEN_REQUEST_TIMEOUT_MS = 15_000;

/**
 * Service-account auth through google-auth-library's JWT client (JWT-bearer grant, RS256 assertion,
 * cloud-platform scope). The client caches the token and refreshes it TOKEN_REFRESH_MARGIN_MS before
 * expiry; concurrent callers share one in-flight token request.
 *
 * google-auth-library 10 always posts to https://oauth2.googleapis.com/token and signs
 * `aud` for that URL, whatever the key's `token_uri` says. Private token endpoints exist (and tests
 * need a local one), so the key's token_uri is honoured here: `aud` is set through additionalClaims
 * and a request interceptor on the client's own transporter sends the token request there.
 */
export function createServiceAccountAuth(key: ServiceAccountKey, provider: string): VertexAuth {
  const client = new JWT({
    email: key.clientEmail,
    key: key.privateKey,
    keyId: key.privateKeyId,
    scopes: [CLOUD_PLATFORM_SCOPE],
    additionalClaims: { aud: key.tokenUri },
    eagerRefreshThresholdMillis: TOKEN_REFRESH_MARGIN_MS,
  });
  client.transporter.interceptors.request.add({
    resolved: async (request) => {
      if (String(request.url) === DEFAULT_TOKEN_URI) {
        request.url = new URL(key.tokenUri);
        request.timeout = TOKEN_REQUEST_TIMEOUT_MS;
        request.retryConfig = {
          ...request.retryConfig,
          retry: TOKEN_REQUEST_RETRIES,
          noResponseRetries: TOKEN_REQUEST_RETRIES,
        };
      }
      return request;
    },
  });
  return {
    async authHeaders() {
      let token: string | null | undefined;
      try {
        token = (await client.getAccessToken()).token;
      } catch (error) {
        throw mapTokenError(error, provider, key.tokenUri);
      }
      if (!token) throw mapTokenError(new Error('empty access token'), provider, key.tokenUri);
      return { authorization: `Bearer ${token}` };
    },
  };
}
