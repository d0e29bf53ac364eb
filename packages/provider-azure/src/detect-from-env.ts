import type { EnvV1 } from '@multi-ai-proxy/core';

// Its own module (package export `./detect`) so the gateway can ask it without importing the provider:
// a first-party package the environment does not configure is never loaded.
/** Whether the environment alone configures Azure OpenAI (an endpoint, or serverless deployments). */
export function detectFromEnv(env: EnvV1): boolean {
  return Boolean(env.AZURE_OPENAI_ENDPOINT?.trim() || env.AZURE_AI_STUDIO_DEPLOYMENTS?.trim());
}
