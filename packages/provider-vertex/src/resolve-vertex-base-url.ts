/** Vertex AI's multi-region locations, served from their own regional-endpoint (`rep`) hosts. */
const MULTI_REGIONS = new Set(['us', 'eu']);

export const VERTEX_GLOBAL_BASE_URL = 'https://aiplatform.googleapis.com';

/**
 * The base URL (scheme and host) for a Vertex AI location, as Google's SDKs build it
 * (googleapis/js-genai _api_client.ts, vercel/ai google-vertex-provider-base.ts):
 * `global` → aiplatform.googleapis.com; `us`/`eu` → aiplatform.{us|eu}.rep.googleapis.com;
 * any region → {region}-aiplatform.googleapis.com.
 */
export function resolveVertexBaseUrl(location: string): string {
  if (location === 'global') return VERTEX_GLOBAL_BASE_URL;
  if (MULTI_REGIONS.has(location)) return `https://aiplatform.${location}.rep.googleapis.com`;
  return `https://${location}-aiplatform.googleapis.com`;
}
