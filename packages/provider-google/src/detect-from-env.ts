import type { EnvV1 } from '@multi-ai-proxy/core';

// Its own module (package export `./detect`) so the gateway can ask it without importing the provider:
// a first-party package the environment does not configure is never loaded.
/** Whether the environment alone configures Google AI Studio (an API key). */
export function detectFromEnv(env: EnvV1): boolean {
  return (
    typeof env.GOOGLE_AI_STUDIO_API_KEY === 'string' &&
    env.GOOGLE_AI_STUDIO_API_KEY.trim().length > 0
  );
}
