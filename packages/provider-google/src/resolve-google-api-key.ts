import type { ClientCredentialsV1 } from '@multi-ai-proxy/core';
import { AuthenticationError } from '@multi-ai-proxy/core';

/** The header a client sends its own Gemini key in; declared in the plugin's `clientCredentialHeaders`. */
export const GOOGLE_API_KEY_HEADER = 'x-goog-api-key';

const GOOGLE_API_KEY = /^AIza[0-9A-Za-z_-]{35}$/;

/**
 * The key for one request (README "Client keys"). With `acceptClientKey`:
 * 1. a client `x-goog-api-key` wins (it is unmistakably meant for Google);
 * 2. a bearer / `api-key` value wins when it has the shape of a Google API key (`AIza…`);
 * 3. otherwise the server key — an OpenAI SDK's placeholder key must not displace it;
 * 4. with no server key, whatever key the client sent.
 * `credentials` is undefined when the gateway enforces its own API keys: server key only.
 */
export function resolveGoogleApiKey(
  serverKey: string | undefined,
  credentials: ClientCredentialsV1 | undefined,
  acceptClientKey: boolean,
): string {
  if (acceptClientKey && credentials) {
    const headerKey = credentials.headers?.[GOOGLE_API_KEY_HEADER];
    if (headerKey) return headerKey;
    const other = [credentials.bearer, credentials.apiKey].find(
      (value): value is string => typeof value === 'string' && value.length > 0,
    );
    if (other && (GOOGLE_API_KEY.test(other) || serverKey === undefined)) return other;
  }
  if (serverKey) return serverKey;
  throw new AuthenticationError(
    'No Gemini API key: send yours in the x-goog-api-key header (or as the bearer token).',
    { code: 'missing_api_key' },
  );
}
