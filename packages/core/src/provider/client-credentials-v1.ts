/**
 * Credentials the client sent, as the host found them. `undefined` when the gateway enforces its
 * own API keys (MULTI_AI_PROXY_API_KEYS): then providers must use server-side credentials only.
 */
export interface ClientCredentialsV1 {
  /** Value of the `api-key` header. */
  apiKey?: string;
  /** Value of `Authorization` without its `Bearer ` prefix; the whole value when there is no prefix. */
  bearer?: string;
  /**
   * The headers this provider's plugin declared in `clientCredentialHeaders`, by lower-case name, when
   * the client sent them (e.g. `x-goog-api-key`). The host removes them from `CallContextV1.headers`.
   */
  headers?: Readonly<Record<string, string>>;
}
