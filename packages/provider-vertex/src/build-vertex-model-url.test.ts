import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '@multi-ai-proxy/core/provider-utils';
import {
  createGeminiEngine,
  type GeminiModelMethod,
} from '@multi-ai-proxy/provider-google/internal';
import {
  buildVertexBaseUrl,
  buildVertexModelPath,
  buildVertexPublisherModelsUrl,
  type VertexEndpoint,
} from './build-vertex-model-url.js';

const regional: VertexEndpoint = {
  baseUrl: 'https://us-central1-aiplatform.googleapis.com',
  apiVersion: 'v1',
  projectId: 'my-project',
  location: 'us-central1',
};

// The URLs the Gemini engine builds from them, as createVertexProvider configures it.
function buildVertexModelUrl(
  endpoint: VertexEndpoint,
  model: string,
  method: GeminiModelMethod,
): string {
  const settings = {
    provider: 'vertex',
    upstreamName: 'Vertex AI',
    client: createHttpClient(),
    timeoutMs: 1_000,
    flavor: 'vertex' as const,
    authHeaders: async () => ({}),
  };
  return createGeminiEngine({
    ...settings,
    baseUrl: buildVertexBaseUrl(endpoint),
    modelPath: buildVertexModelPath,
  }).modelUrl(model, method);
}

function recordedPath(fixture: string): string {
  const recording = JSON.parse(readUpstreamFixture('vertex', fixture).toString('utf8'));
  return recording.interactions[0].request.url as string;
}

describe('buildVertexBaseUrl and buildVertexModelPath', () => {
  it('builds the v1 publisher-model paths', () => {
    expect(buildVertexModelUrl(regional, 'gemini-2.5-flash', 'generateContent')).toBe(
      'https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
    );
    expect(buildVertexModelUrl(regional, 'gemini-2.5-flash', 'streamGenerateContent')).toBe(
      'https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
  });

  // The js-genai recordings were made against real Vertex AI (project and location redacted): with
  // apiVersion v1beta1 the builder must produce exactly the paths the SDK used.
  it.each([
    ['generateContent.text.gemini-2.5-flash.recording.json', 'gemini-2.5-flash', 'generateContent'],
    ['generateContent.responseJsonSchema.recording.json', 'gemini-2.5-flash', 'generateContent'],
    ['streamGenerateContent.text.recording.json', 'gemini-2.5-flash', 'streamGenerateContent'],
    [
      'streamGenerateContent.streamFunctionCallArguments.recording.json',
      'gemini-3-pro-preview',
      'streamGenerateContent',
    ],
    ['predict.text-embedding-004.recording.json', 'text-embedding-004', 'predict'],
    ['countTokens.recording.json', 'gemini-2.5-flash', 'countTokens'],
  ] as const)('reproduces the recorded path of %s', (fixture, model, method) => {
    const endpoint: VertexEndpoint = {
      baseUrl: 'https://x.example',
      apiVersion: 'v1beta1',
      projectId: 'REDACTED',
      location: 'REDACTED',
    };
    expect(buildVertexModelUrl(endpoint, model, method)).toBe(
      `https://x.example${recordedPath(fixture)}`,
    );
  });

  it('keeps a path prefix of the base URL and omits project/location in express mode', () => {
    expect(
      buildVertexModelUrl(
        { ...regional, baseUrl: 'http://127.0.0.1:9000/vertex/' },
        'text-embedding-005',
        'predict',
      ),
    ).toBe(
      'http://127.0.0.1:9000/vertex/v1/projects/my-project/locations/us-central1/publishers/google/models/text-embedding-005:predict',
    );
    expect(
      buildVertexModelUrl(
        { ...regional, baseUrl: 'https://aiplatform.googleapis.com', projectId: undefined },
        'gemini-2.5-flash',
        'generateContent',
      ),
    ).toBe(
      'https://aiplatform.googleapis.com/v1/publishers/google/models/gemini-2.5-flash:generateContent',
    );
  });

  it.each(['../secrets', 'gemini/../x', 'a?b', 'a#b', 'a:b', '', 'models/gemini'])(
    'refuses the model id %j with a 404 OpenAI error',
    (model) => {
      expect(() => buildVertexModelPath(model)).toThrow(
        expect.objectContaining({ status: 404, param: 'model', code: 'model_not_found' }),
      );
    },
  );

  it('lists publisher models on v1beta1 without project', () => {
    expect(buildVertexPublisherModelsUrl(regional, 'pageSize=100')).toBe(
      'https://us-central1-aiplatform.googleapis.com/v1beta1/publishers/google/models?pageSize=100',
    );
  });
});
