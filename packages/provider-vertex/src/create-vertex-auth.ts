import { createApplicationDefaultAuth } from './create-application-default-auth.js';
import { createServiceAccountAuth } from './create-service-account-auth.js';
import type { VertexAuthOptions } from './parse-vertex-options.js';
import type { VertexAuth } from './vertex-auth.js';

export interface ResolvedVertexAuth {
  auth: VertexAuth;
  /** A project the credentials themselves name (ADC only). */
  projectId: string | undefined;
}

/** The VertexAuth for the configured mode; ADC is probed here, at startup. */
export async function createVertexAuth(
  options: VertexAuthOptions,
  provider: string,
): Promise<ResolvedVertexAuth> {
  switch (options.kind) {
    case 'service-account':
      return { auth: createServiceAccountAuth(options.key, provider), projectId: undefined };
    case 'api-key': {
      const headers = { 'x-goog-api-key': options.apiKey };
      return { auth: { authHeaders: async () => headers }, projectId: undefined };
    }
    case 'application-default':
      return createApplicationDefaultAuth(provider, options.keyFile);
  }
}
