import type { VertexAuthOptions } from './parse-vertex-options.js';
import type { VertexAuth } from './vertex-auth.js';

export interface ResolvedVertexAuth {
  auth: VertexAuth;
  /** A project the credentials themselves name (ADC only). */
  projectId: string | undefined;
}

/**
 * The VertexAuth for the configured mode; ADC is probed here, at startup. google-auth-library
 * (~7 MB of RSS and a few hundred ms of start-up) is imported only by the two modes that use it:
 * an express-mode (API key) gateway never loads it.
 */
export async function createVertexAuth(
  options: VertexAuthOptions,
  provider: string,
): Promise<ResolvedVertexAuth> {
  switch (options.kind) {
    case 'service-account': {
      const { createServiceAccountAuth } = await import('./create-service-account-auth.js');
      return { auth: createServiceAccountAuth(options.key, provider), projectId: undefined };
    }
    case 'api-key': {
      const headers = { 'x-goog-api-key': options.apiKey };
      return { auth: { authHeaders: async () => headers }, projectId: undefined };
    }
    case 'application-default': {
      const { createApplicationDefaultAuth } = await import('./create-application-default-auth.js');
      return createApplicationDefaultAuth(provider, options.keyFile);
    }
  }
}
