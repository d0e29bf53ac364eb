import type { EnvV1, ProviderV1 } from '@multi-ai-proxy/core';
import { createHttpClient } from '@multi-ai-proxy/core/provider-utils';
import {
  createTestPluginContext,
  type MockUpstream,
  type MockUpstreamRoute,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import { createVertexProvider } from '../src/create-vertex-provider.js';
import { parseVertexOptions } from '../src/parse-vertex-options.js';
import { type TestServiceAccount, writeServiceAccountKey } from './service-account-key.js';

export interface VertexTestBed {
  provider: ProviderV1;
  /** The Vertex AI mock (recorded answers). */
  upstream: MockUpstream;
  /** The OAuth2 token endpoint mock named by the key file's token_uri. */
  tokenEndpoint: MockUpstream;
  account: TestServiceAccount;
  /** Full URLs the provider called, before the test client re-routed them to the mock. */
  calledUrls: string[];
  close(): Promise<void>;
}

export interface VertexTestBedOptions {
  routes?: readonly MockUpstreamRoute[];
  /** Extra env vars. */
  env?: EnvV1;
  rawOptions?: unknown;
  /**
   * `endpoint` (default): VERTEX_AI_ENDPOINT points at the mock.
   * `real-hosts`: the provider computes the real Google hosts from VERTEX_AI_LOCATION and the test's
   * HTTP client re-routes each call to the mock, recording the URL it was meant for.
   */
  routing?: 'endpoint' | 'real-hosts';
}

/** A Vertex provider on a service-account key whose token_uri is a local mock, against a mock upstream. */
export async function startVertexProvider(
  options: VertexTestBedOptions = {},
): Promise<VertexTestBed> {
  const upstream = await startMockUpstream(options.routes ?? []);
  let issued = 0;
  const tokenEndpoint = await startMockUpstream([
    {
      method: 'POST',
      path: '/token',
      reply: () => {
        issued += 1;
        return {
          body: {
            access_token: `ya29.vertex-test-${issued}`,
            expires_in: 3600,
            token_type: 'Bearer',
          },
        };
      },
    },
  ]);
  const account = writeServiceAccountKey({
    tokenUri: `${tokenEndpoint.url}/token`,
    projectId: 'test-project',
  });
  const calledUrls: string[] = [];
  const routing = options.routing ?? 'endpoint';
  const env: EnvV1 = {
    GOOGLE_APPLICATION_CREDENTIALS: account.path,
    ...(routing === 'endpoint' ? { VERTEX_AI_ENDPOINT: upstream.url } : {}),
    ...options.env,
  };
  const httpClient = createHttpClient({ timeoutMs: 10_000 }).extend({
    handlers: [
      (request, next) => {
        const url = request.url as URL;
        calledUrls.push(url.href);
        if (routing === 'real-hosts')
          request.url = new URL(url.pathname + url.search, upstream.url);
        return next(request);
      },
    ],
  });
  const provider = await createVertexProvider(
    parseVertexOptions(options.rawOptions ?? {}, env),
    createTestPluginContext({ instanceName: 'vertex' }),
    { httpClient },
  );
  return {
    provider,
    upstream,
    tokenEndpoint,
    account,
    calledUrls,
    async close() {
      await provider.close?.();
      await Promise.all([upstream.close(), tokenEndpoint.close()]);
    },
  };
}
