import { InvalidPluginOptionsError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { parseVertexOptions } from './parse-vertex-options.js';

const ADC = { VERTEX_AI_PROJECT_ID: 'my-project', VERTEX_AI_LOCATION: 'us-east5' };

function failure(raw: unknown, env: Record<string, string> = ADC): InvalidPluginOptionsError {
  try {
    parseVertexOptions(raw, env);
  } catch (error) {
    if (InvalidPluginOptionsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected parseVertexOptions to throw');
}

describe('parseVertexOptions: modelGarden and endpoints', () => {
  it('reads publishers and models from the environment; the publishers join the default patterns', () => {
    const options = parseVertexOptions(
      {},
      {
        ...ADC,
        VERTEX_AI_MODEL_GARDEN_PUBLISHERS: 'meta, Qwen',
        VERTEX_AI_MODEL_GARDEN_MODELS: 'google/gemma-3-27b-it-maas',
      },
    );
    expect(options.modelGarden).toEqual({
      publishers: ['meta', 'qwen'],
      models: ['google/gemma-3-27b-it-maas'],
      endpoints: [],
    });
    expect(options.modelPatterns).toEqual([
      'gemini-*',
      'imagen-*',
      'text-embedding-00*',
      'text-multilingual-embedding-*',
      'meta/*',
      'qwen/*',
    ]);
    // An explicit modelPatterns is taken as it is (claim none with []).
    expect(parseVertexOptions({ modelPatterns: [] }, ADC).modelPatterns).toEqual([]);
  });

  it('resolves an endpoint id against the instance, a full resource path as written, hosts from the location', () => {
    const { endpoints } = parseVertexOptions(
      {
        endpoints: {
          'Support-Bot': { endpoint: '1234567890' },
          eu: { endpoint: 'projects/other-9/locations/europe-west4/endpoints/42', api: 'gemini' },
          vllm: {
            endpoint: 'mg-endpoint-306f661d',
            api: 'openai',
            model: 'google/gemma-3-27b-it',
            baseUrl: 'https://mg-endpoint-306f661d.us-east5-123.prediction.vertexai.goog/',
          },
        },
      },
      ADC,
    ).modelGarden;
    expect(endpoints).toEqual([
      {
        alias: 'support-bot',
        api: 'gemini',
        project: 'my-project',
        location: 'us-east5',
        endpointId: '1234567890',
        baseUrl: 'https://us-east5-aiplatform.googleapis.com',
        model: 'gemini-2.5-flash',
      },
      {
        alias: 'eu',
        api: 'gemini',
        project: 'other-9',
        location: 'europe-west4',
        endpointId: '42',
        baseUrl: 'https://europe-west4-aiplatform.googleapis.com',
        model: 'gemini-2.5-flash',
      },
      {
        alias: 'vllm',
        api: 'openai',
        project: 'my-project',
        location: 'us-east5',
        endpointId: 'mg-endpoint-306f661d',
        baseUrl: 'https://mg-endpoint-306f661d.us-east5-123.prediction.vertexai.goog',
        model: 'google/gemma-3-27b-it',
      },
    ]);
  });

  it('keeps VERTEX_AI_ENDPOINT for endpoint aliases too (proxies, Private Service Connect)', () => {
    const { endpoints } = parseVertexOptions(
      { endpoints: { tuned: { endpoint: 'projects/p/locations/asia-east1/endpoints/7' } } },
      { ...ADC, VERTEX_AI_ENDPOINT: 'http://127.0.0.1:9000/x/' },
    ).modelGarden;
    expect(endpoints[0]?.baseUrl).toBe('http://127.0.0.1:9000/x');
  });

  it.each([
    ['1234/../../v1/projects/x', 'options.endpoints.a.endpoint'],
    ['projects/p/locations/us-east5/endpoints/../../publishers', 'options.endpoints.a.endpoint'],
    ['projects/p/locations/us-east5/endpoints/1?alt=sse', 'options.endpoints.a.endpoint'],
    ['https://evil.example/endpoints/1', 'options.endpoints.a.endpoint'],
    ['projects/p/locations/evil.example/endpoints/1', 'options.endpoints.a.endpoint'],
    ['%2e%2e', 'options.endpoints.a.endpoint'],
    ['', 'options.endpoints.a.endpoint'],
  ])('refuses the endpoint %j at startup, naming %s', (endpoint, setting) => {
    expect(failure({ endpoints: { a: { endpoint } } }).setting).toBe(setting);
  });

  it('refuses aliases that could look like a path or prefix, unknown keys, bad base URLs and models', () => {
    expect(failure({ endpoints: { 'a/b': { endpoint: '1' } } }).setting).toBe(
      'options.endpoints.a/b',
    );
    expect(failure({ endpoints: { a: { endpoint: '1', region: 'x' } } }).setting).toBe(
      'options.endpoints.a.region',
    );
    expect(
      failure({ endpoints: { a: { endpoint: '1', baseUrl: 'https://x.example?host=y' } } }).setting,
    ).toBe('options.endpoints.a.baseUrl');
    expect(failure({ endpoints: { a: { endpoint: '1', model: 'gemini/../x' } } }).setting).toBe(
      'options.endpoints.a.model',
    );
    expect(failure({ endpoints: { a: { endpoint: '1', api: 'grpc' } } }).setting).toBe(
      'options.endpoints.a.api',
    );
  });

  it('refuses endpoints in express mode, the google publisher and malformed Model Garden ids', () => {
    expect(
      failure({ endpoints: { a: { endpoint: '1' } } }, { VERTEX_AI_API_KEY: 'express-key' })
        .setting,
    ).toBe('options.endpoints');
    expect(failure({ modelGarden: { publishers: ['google'] } }).setting).toBe(
      'options.modelGarden.publishers',
    );
    expect(failure({}, { ...ADC, VERTEX_AI_MODEL_GARDEN_PUBLISHERS: 'me/ta' }).setting).toBe(
      'VERTEX_AI_MODEL_GARDEN_PUBLISHERS',
    );
    expect(failure({ modelGarden: { models: ['llama-3.3-70b-instruct-maas'] } }).setting).toBe(
      'options.modelGarden.models',
    );
    expect(failure({ modelGarden: { models: ['meta/../x'] } }).message).toContain(
      'publisher/model',
    );
  });
});
