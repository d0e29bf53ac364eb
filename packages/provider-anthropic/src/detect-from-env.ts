import type { EnvV1 } from '@multi-ai-proxy/core';

// Its own module (package export `./detect`) so the gateway can ask it without importing the provider:
// a first-party package the environment does not configure is never loaded.
/** Whether the environment alone configures this plugin (a Foundry resource, a Vertex project or an API key). */
export function detectFromEnv(env: EnvV1): boolean {
  return [
    'ANTHROPIC_FOUNDRY_BASE_URL',
    'ANTHROPIC_FOUNDRY_RESOURCE',
    'ANTHROPIC_VERTEX_PROJECT_ID',
    'ANTHROPIC_API_KEY',
  ].some((name) => Boolean(env[name]?.trim()));
}
