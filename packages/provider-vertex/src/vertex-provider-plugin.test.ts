import { resolveRoute } from '@multi-ai-proxy/core';
import {
  checkPluginManifest,
  createTestCallContext,
  readJsonFixture,
} from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { writeServiceAccountKey } from '../test/service-account-key.js';
import { startVertexProvider, type VertexTestBed } from '../test/start-vertex-provider.js';
import * as pluginModule from './index.js';

describe('vertex plugin manifest', () => {
  it('passes the core manifest checks with a service-account key', async () => {
    const account = writeServiceAccountKey();
    const { plugin, provider } = await checkPluginManifest(pluginModule, {
      packageName: '@multi-ai-proxy/provider-vertex',
      packageJson: new URL('../package.json', import.meta.url),
      env: { GOOGLE_APPLICATION_CREDENTIALS: account.path },
    });
    expect(plugin.name).toBe('vertex');
    expect(provider.instanceName).toBe('vertex');
    expect(provider.capabilities).toMatchObject({
      embeddings: true,
      listModels: true,
      passthrough: [
        'vertex.native',
        'images.generations',
        'images.edits',
        'audio.speech',
        'audio.transcriptions',
        'audio.translations',
      ],
    });
  });

  it('passes the core manifest checks in express mode', async () => {
    const { provider } = await checkPluginManifest(pluginModule, {
      packageName: '@multi-ai-proxy/provider-vertex',
      env: { VERTEX_AI_API_KEY: 'express-key' },
    });
    expect(provider.modelPatterns).toContain('gemini-*');
  });

  it('is detected from VERTEX_AI_PROJECT_ID or VERTEX_AI_API_KEY, not from GOOGLE_APPLICATION_CREDENTIALS alone', () => {
    const detect = pluginModule.default.detectFromEnv!;
    expect(detect({ VERTEX_AI_PROJECT_ID: 'p' })).toBe(true);
    expect(detect({ VERTEX_AI_API_KEY: 'k' })).toBe(true);
    expect(detect({ GOOGLE_APPLICATION_CREDENTIALS: '/key.json' })).toBe(false);
    expect(detect({ VERTEX_AI_PROJECT_ID: '  ' })).toBe(false);
    expect(detect({})).toBe(false);
  });
});

describe('vertex model routing', () => {
  let bed: VertexTestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('maps the retired PaLM-era aliases to current models, case-insensitively', async () => {
    bed = await startVertexProvider();
    const mapModel = bed.provider.mapModel!;
    expect(mapModel('chat-bison')).toBe('gemini-2.5-flash');
    expect(mapModel('Text-Bison')).toBe('gemini-2.5-flash');
    expect(mapModel('embedding-gecko')).toBe('text-embedding-005');
    expect(mapModel('embedding-gecko-multilingual')).toBe('text-multilingual-embedding-002');
    expect(mapModel('gemini-2.5-flash')).toBeUndefined();
    // Not through the alias object's prototype: routing would send these to Vertex with a function as model.
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])
      expect(mapModel(name), name).toBeUndefined();
  });

  it('with provider-google also loaded: aliases route to vertex; gemini-* goes to the default provider, or by prefix', async () => {
    bed = await startVertexProvider();
    const google = { instanceName: 'google', modelPatterns: ['gemini-*'] };
    const azure = {
      instanceName: 'azure',
      modelPatterns: ['gpt-*', 'text-embedding-3-*', 'text-embedding-ada-*'],
    };
    const providers = [azure, google, bed.provider];
    expect(resolveRoute('chat-bison', { providers, defaultInstance: 'azure' })).toMatchObject({
      provider: bed.provider,
      upstreamModel: 'gemini-2.5-flash',
      matchedBy: 'mapping',
    });
    expect(resolveRoute('gemini-2.5-flash', { providers, defaultInstance: 'azure' }).provider).toBe(
      google,
    );
    expect(
      resolveRoute('gemini-2.5-flash', { providers, defaultInstance: 'vertex' }).provider,
    ).toBe(bed.provider);
    expect(
      resolveRoute('vertex/gemini-2.5-flash', { providers, defaultInstance: 'google' }),
    ).toMatchObject({ provider: bed.provider, matchedBy: 'prefix' });
    expect(
      resolveRoute('text-embedding-005', { providers, defaultInstance: 'azure' }).provider,
    ).toBe(bed.provider);
    expect(
      resolveRoute('text-embedding-3-small', {
        providers: [google, bed.provider, azure],
        defaultInstance: 'google',
      }).provider,
    ).toBe(azure);
  });

  it('refuses a model id that could change the URL before converting or calling anything', async () => {
    bed = await startVertexProvider();
    const error = await bed.provider.createChatCompletion!(
      {
        model: '../../x',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'http://127.0.0.1:1/a.png' } }],
          },
        ],
      },
      createTestCallContext({ model: '../../x', upstreamModel: '../../x' }),
    ).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect(bed.upstream.requests).toHaveLength(0);
    expect(bed.tokenEndpoint.requests).toHaveLength(0);
  });

  it.each([
    [
      'us-central1',
      'https://us-central1-aiplatform.googleapis.com/v1/projects/test-project/locations/us-central1/publishers/google/models/text-embedding-005:predict',
    ],
    [
      'global',
      'https://aiplatform.googleapis.com/v1/projects/test-project/locations/global/publishers/google/models/text-embedding-005:predict',
    ],
    [
      'us',
      'https://aiplatform.us.rep.googleapis.com/v1/projects/test-project/locations/us/publishers/google/models/text-embedding-005:predict',
    ],
    [
      'eu',
      'https://aiplatform.eu.rep.googleapis.com/v1/projects/test-project/locations/eu/publishers/google/models/text-embedding-005:predict',
    ],
  ])('calls the right host for location %s (embeddings)', async (location, url) => {
    bed = await startVertexProvider({
      routing: 'real-hosts',
      env: { VERTEX_AI_LOCATION: location },
      routes: [
        {
          method: 'POST',
          path: /:predict$/,
          reply: { body: readJsonFixture(fixture('predict.embeddings.response.json')) },
        },
      ],
    });
    await bed.provider.createEmbedding!(
      { model: 'embedding-gecko', input: ['a', 'b'] },
      createTestCallContext({ model: 'embedding-gecko', upstreamModel: 'text-embedding-005' }),
    );
    expect(bed.calledUrls).toEqual([url]);
  });
});
