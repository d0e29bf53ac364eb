/** OAuth2 scope for every Google Cloud API, Vertex AI included. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/**
 * Refresh a token this long before it expires, so that a request never leaves with a token that dies
 * in flight (google-auth-library's own default, written out because the tests depend on it).
 */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** How one upstream call to Vertex AI is authenticated. */
export interface VertexAuth {
  /** Headers to add to the call: a cached (or freshly fetched) access token, or the express-mode key. */
  authHeaders(): Promise<Record<string, string>>;
}
