import { type MockUpstream, startMockUpstream } from '@multi-ai-proxy/core/testing';
import { createGeminiFormatRoutes } from './create-gemini-format-routes.js';
import { vertex } from './gemini-format-bodies.js';

export const VERTEX_ACCESS_TOKEN = 'ya29.e2e-vertex-token';
export const VERTEX_TOKEN_PATH = '/oauth2/token';

/**
 * Vertex AI (`/v1/projects/{project}/locations/{location}/publishers/google/models/…`) plus the OAuth2
 * token endpoint the service-account key's token_uri points at.
 */
export function startVertexMock(project: string, location: string): Promise<MockUpstream> {
  return startMockUpstream([
    // SYNTHETIC token answer (Google's OAuth2 token response shape); the request is the real JWT-bearer grant.
    {
      method: 'POST',
      path: VERTEX_TOKEN_PATH,
      reply: {
        body: { access_token: VERTEX_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' },
      },
    },
    ...createGeminiFormatRoutes(
      `/v1/projects/${project}/locations/${location}/publishers/google/models`,
      {
        text: vertex.text,
        functionCall: vertex.functionCallParallel,
        jsonSchema: vertex.jsonSchema.response.segments[0],
        stream: { sse: vertex.textStream },
        functionCallStream: { rawSse: vertex.functionCallSse },
      },
    ),
    {
      method: 'POST',
      path: new RegExp(
        `^/v1/projects/${project}/locations/${location}/publishers/google/models/[^/:?]+:predict$`,
      ),
      reply: { body: vertex.embeddings },
    },
  ]);
}
