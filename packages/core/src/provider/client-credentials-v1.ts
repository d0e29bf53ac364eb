/**
 * Credentials the client sent, as the host found them. `undefined` when the gateway enforces its
 * own API keys (MULTI_AI_PROXY_API_KEYS): then providers must use server-side credentials only.
 */
export interface ClientCredentialsV1 {
  /** Value of the `api-key` header. */
  apiKey?: string;
  /** Value of `Authorization` without its `Bearer ` prefix; the whole value when there is no prefix. */
  bearer?: string;
  /** Value of `x-goog-api-key`. */
  googleApiKey?: string;
}
