import { InvalidPluginOptionsError } from '@multi-ai-proxy/core';
import { GoogleAuth } from 'google-auth-library';
import { DEFAULT_TOKEN_URI } from './read-service-account-key.js';
import { mapTokenError } from './map-token-error.js';
import { CLOUD_PLATFORM_SCOPE, TOKEN_REFRESH_MARGIN_MS, type VertexAuth } from './vertex-auth.js';

export interface ApplicationDefaultAuth {
  auth: VertexAuth;
  /** The project the credentials belong to, when they know one (gcloud config, metadata server). */
  projectId: string | undefined;
}

/**
 * Application Default Credentials as google-auth-library finds them: a credentials file of another type
 * than service_account (authorized_user, external_account…), gcloud's user credentials, workload
 * identity or the metadata server. Resolved at startup, so "no credentials anywhere" stops the gateway
 * with a message instead of failing the first request.
 */
export async function createApplicationDefaultAuth(
  provider: string,
  keyFile: string | undefined,
): Promise<ApplicationDefaultAuth> {
  const googleAuth = new GoogleAuth({
    scopes: [CLOUD_PLATFORM_SCOPE],
    keyFilename: keyFile,
    clientOptions: { eagerRefreshThresholdMillis: TOKEN_REFRESH_MARGIN_MS },
  });
  let client: Awaited<ReturnType<GoogleAuth['getClient']>>;
  try {
    client = await googleAuth.getClient();
  } catch {
    throw new InvalidPluginOptionsError(
      provider,
      'GOOGLE_APPLICATION_CREDENTIALS',
      keyFile === undefined
        ? 'is not set and no Application Default Credentials were found. Set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, run `gcloud auth application-default login`, run on Google Cloud with a service account, or set VERTEX_AI_API_KEY for express mode.'
        : `points at "${keyFile}", which google-auth-library cannot load as credentials.`,
    );
  }
  let projectId: string | undefined;
  try {
    projectId = (await googleAuth.getProjectId()) || undefined;
  } catch {
    projectId = undefined;
  }
  return {
    projectId,
    auth: {
      async authHeaders() {
        let headers: Headers;
        try {
          headers = await client.getRequestHeaders();
        } catch (error) {
          throw mapTokenError(error, provider, DEFAULT_TOKEN_URI);
        }
        // authorization, plus x-goog-user-project when user credentials name a quota project.
        const record: Record<string, string> = {};
        headers.forEach((value, name) => {
          record[name] = value;
        });
        return record;
      },
    },
  };
}
