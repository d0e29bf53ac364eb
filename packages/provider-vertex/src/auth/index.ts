/**
 * @multi-ai-proxy/provider-vertex/auth — Vertex AI's Google credentials code, shared with
 * @multi-ai-proxy/provider-anthropic (Claude on Vertex, `publishers/anthropic`): one copy of the
 * service-account JWT flow, Application Default Credentials and the credentials-file checks.
 *
 *   readCredentialsFile(provider, setting, path) → GoogleCredentialsFile (checked at startup; errors name the setting);
 *   toServiceAccountKey(provider, setting, path, file) → ServiceAccountKey (parseable key, safe token_uri);
 *   createVertexAuth(options, provider) → { auth: VertexAuth (authHeaders()), projectId } (ADC probed here);
 *   resolveVertexBaseUrl(location) → the regional, multi-region or global host.
 */
export { createVertexAuth, type ResolvedVertexAuth } from '../create-vertex-auth.js';
export type { VertexAuthOptions } from '../parse-vertex-options.js';
export {
  type GoogleCredentialsFile,
  readCredentialsFile,
  type ServiceAccountKey,
  toServiceAccountKey,
} from '../read-service-account-key.js';
export { resolveVertexBaseUrl } from '../resolve-vertex-base-url.js';
export { CLOUD_PLATFORM_SCOPE, type VertexAuth } from '../vertex-auth.js';
