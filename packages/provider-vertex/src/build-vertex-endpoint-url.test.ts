import { describe, expect, it } from 'vitest';
import {
  buildVertexChatCompletionsUrl,
  buildVertexEndpointPath,
} from './build-vertex-endpoint-url.js';

describe('buildVertexChatCompletionsUrl', () => {
  const resource = {
    baseUrl: 'https://us-east5-aiplatform.googleapis.com',
    apiVersion: 'v1' as const,
    project: 'my-project',
    location: 'us-east5',
    endpointId: 'openapi',
  };

  it("is Vertex's documented OpenAI-compatible route for MaaS models", () => {
    expect(buildVertexChatCompletionsUrl(resource)).toBe(
      'https://us-east5-aiplatform.googleapis.com/v1/projects/my-project/locations/us-east5/endpoints/openapi/chat/completions',
    );
  });

  it('keeps a base path prefix and the API version for a deployed endpoint', () => {
    expect(
      buildVertexChatCompletionsUrl({
        ...resource,
        baseUrl: 'http://127.0.0.1:9000/proxy',
        apiVersion: 'v1beta1',
        endpointId: '555',
      }),
    ).toBe(
      'http://127.0.0.1:9000/proxy/v1beta1/projects/my-project/locations/us-east5/endpoints/555/chat/completions',
    );
    expect(buildVertexEndpointPath({ ...resource, endpointId: '42' })).toBe(
      'projects/my-project/locations/us-east5/endpoints/42',
    );
  });
});
