import type { EnvV1 } from '@multi-ai-proxy/core';

// Its own module (package export `./detect`) so the gateway can ask it without importing the provider:
// a first-party package the environment does not configure is never loaded.
/** Whether the environment alone configures the OpenAI-compatible provider (an endpoint or a key). */
export function detectFromEnv(env: EnvV1): boolean {
  return Boolean(env.OPENAI_API_ENDPOINT?.trim() || env.OPENAI_API_KEY?.trim());
}
