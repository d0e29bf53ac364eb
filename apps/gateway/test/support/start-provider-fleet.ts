import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { startGeminiMock } from '../mocks/start-gemini-mock.js';
import { startOpenAICompatibleMock } from '../mocks/start-openai-compatible-mock.js';
import { startVertexMock, VERTEX_TOKEN_PATH } from '../mocks/start-vertex-mock.js';
import { createServiceAccountKey } from './create-service-account-key.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

export const FLEET_PROJECT = 'e2e-project';
export const FLEET_LOCATION = 'us-central1';

export interface ProviderFleet {
  gateway: RunningGateway;
  mocks: Record<'azure' | 'openai' | 'google' | 'vertex', MockUpstream>;
  serviceAccount: ReturnType<typeof createServiceAccountKey>;
  stop(): Promise<void>;
}

/**
 * One gateway process with all four first-party providers, each configured by its environment
 * variables only and pointed at its own mock upstream; Vertex authenticates with a generated
 * service-account key whose token_uri is the Vertex mock's token endpoint.
 */
export async function startProviderFleet(): Promise<ProviderFleet> {
  const [azure, openai, google, vertex] = await Promise.all([
    startAzureMock(),
    startOpenAICompatibleMock(),
    startGeminiMock(),
    startVertexMock(FLEET_PROJECT, FLEET_LOCATION),
  ]);
  const mocks = { azure, openai, google, vertex };
  const serviceAccount = createServiceAccountKey(
    `${vertex.url}${VERTEX_TOKEN_PATH}`,
    FLEET_PROJECT,
  );
  const closeMocks = () => Promise.all(Object.values(mocks).map((mock) => mock.close()));
  try {
    const gateway = await startGateway({
      env: {
        AZURE_OPENAI_ENDPOINT: azure.url,
        AZURE_OPENAI_API_KEY: 'azure-e2e-key',
        OPENAI_API_ENDPOINT: openai.url,
        OPENAI_API_KEY: 'openai-e2e-key',
        GOOGLE_AI_STUDIO_API_KEY: 'gemini-e2e-key',
        GOOGLE_AI_STUDIO_ENDPOINT: google.url,
        GOOGLE_APPLICATION_CREDENTIALS: serviceAccount.path,
        VERTEX_AI_PROJECT_ID: FLEET_PROJECT,
        VERTEX_AI_LOCATION: FLEET_LOCATION,
        VERTEX_AI_ENDPOINT: vertex.url,
      },
    });
    return {
      gateway,
      mocks,
      serviceAccount,
      stop: async () => {
        await gateway.stop();
        await closeMocks();
        serviceAccount.remove();
      },
    };
  } catch (error) {
    await closeMocks();
    serviceAccount.remove();
    throw error;
  }
}
