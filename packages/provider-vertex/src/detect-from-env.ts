import type { EnvV1 } from '@multi-ai-proxy/core';

// Its own module (package export `./detect`) so the gateway can ask it without importing the provider:
// a first-party package the environment does not configure is never loaded.
/**
 * The environment configures Vertex AI when VERTEX_AI_PROJECT_ID or VERTEX_AI_API_KEY is set.
 * GOOGLE_APPLICATION_CREDENTIALS alone does not: many Google client libraries read it, and a gateway
 * that also talks to other Google services must not start a Vertex provider because of it. (With
 * AZURE_OPENAI_PROXY_MODE=vertex the key file's project_id is enough.)
 */
export function detectFromEnv(env: EnvV1): boolean {
  return Boolean(env.VERTEX_AI_PROJECT_ID?.trim() || env.VERTEX_AI_API_KEY?.trim());
}
