import {
  checkModelList,
  createTestCallContext,
  readJsonFixture,
} from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { startVertexProvider, type VertexTestBed } from '../test/start-vertex-provider.js';
import { BUILT_IN_VERTEX_MODELS } from './built-in-vertex-models.js';

const LIST_PATH = '/v1beta1/publishers/google/models';

// Synthetic: no recorded `publisherModels` page exists in fixtures/upstream; the shape follows js-genai's
// tExtractModels and the Model Garden REST reference.
const PAGE_1 = {
  publisherModels: [
    {
      name: 'publishers/google/models/gemini-2.5-flash',
      versionId: 'default',
      launchStage: 'GA',
      openSourceCategory: 'PROPRIETARY',
    },
    {
      name: 'publishers/google/models/imagen-4.0-generate-001',
      versionId: 'default',
      launchStage: 'GA',
    },
    {
      name: 'publishers/google/models/text-embedding-005',
      versionId: 'default',
      launchStage: 'GA',
    },
  ],
  nextPageToken: 'page-2',
};
const PAGE_2 = {
  publisherModels: [
    { name: 'publishers/google/models/gemini-3-pro-preview', launchStage: 'PUBLIC_PREVIEW' },
    { name: 'publishers/google/models/gemma-3-27b-it', launchStage: 'GA' },
  ],
};

describe('listModels (Vertex publisher models)', () => {
  let bed: VertexTestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('reads every page of the v1beta1 publisher model list and keeps the models this provider serves', async () => {
    bed = await startVertexProvider({
      routes: [
        { method: 'GET', path: /pageToken=page-2/, reply: { body: PAGE_2 } },
        { method: 'GET', path: LIST_PATH, reply: { body: PAGE_1 } },
      ],
    });
    expect(bed.provider.knownModels!()).toBeUndefined();

    const models = await bed.provider.listModels!(createTestCallContext());

    expect(checkModelList(models)).toEqual([]);
    expect(models.map(({ capabilities: _, ...model }) => model)).toEqual([
      {
        id: 'gemini-2.5-flash',
        object: 'model',
        created: 0,
        owned_by: 'google',
        launch_stage: 'GA',
      },
      {
        id: 'imagen-4.0-generate-001',
        object: 'model',
        created: 0,
        owned_by: 'google',
        launch_stage: 'GA',
      },
      {
        id: 'text-embedding-005',
        object: 'model',
        created: 0,
        owned_by: 'google',
        launch_stage: 'GA',
      },
      {
        id: 'gemini-3-pro-preview',
        object: 'model',
        created: 0,
        owned_by: 'google',
        launch_stage: 'PUBLIC_PREVIEW',
      },
    ]);
    // What each serves through the OpenAI routes (images on Imagen, chat and audio input on Gemini).
    expect(
      models.find((model) => model.id === 'imagen-4.0-generate-001')?.capabilities,
    ).toMatchObject({
      images_generations: true,
      chat_completions: false,
    });
    expect(models.find((model) => model.id === 'gemini-2.5-flash')?.capabilities).toMatchObject({
      chat_completions: true,
      audio_transcriptions: true,
      images_generations: false,
    });
    expect(bed.upstream.requests.map((request) => request.url)).toEqual([
      `${LIST_PATH}?pageSize=100`,
      `${LIST_PATH}?pageSize=100&pageToken=page-2`,
    ]);
    expect(bed.upstream.requests[0]!.headers.authorization).toBe('Bearer ya29.vertex-test-1');
    expect(bed.provider.knownModels!()).toEqual(
      new Set([
        'gemini-2.5-flash',
        'imagen-4.0-generate-001',
        'text-embedding-005',
        'gemini-3-pro-preview',
      ]),
    );
  });

  it('caches the list (one listing for sequential and concurrent callers)', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'GET',
          path: LIST_PATH,
          reply: { delayMs: 50, body: { publisherModels: PAGE_2.publisherModels } },
        },
      ],
    });
    await Promise.all([
      bed.provider.listModels!(createTestCallContext()),
      bed.provider.listModels!(createTestCallContext()),
    ]);
    await bed.provider.listModels!(createTestCallContext());
    expect(bed.upstream.requests).toHaveLength(1);
  });

  it('lists again once the cache TTL has passed', async () => {
    bed = await startVertexProvider({
      rawOptions: { modelsCacheTtlMs: 0 },
      routes: [
        {
          method: 'GET',
          path: LIST_PATH,
          reply: { body: { publisherModels: PAGE_2.publisherModels } },
        },
      ],
    });
    await bed.provider.listModels!(createTestCallContext());
    await bed.provider.listModels!(createTestCallContext());
    expect(bed.upstream.requests).toHaveLength(2);
  });

  it('serves the built-in list when listing is not permitted (recorded 403 IAM_PERMISSION_DENIED)', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'GET',
          path: LIST_PATH,
          reply: {
            status: 403,
            body: readJsonFixture(fixture('error.403-iam-permission-denied.json')),
          },
        },
      ],
    });
    const models = await bed.provider.listModels!(createTestCallContext());
    expect(checkModelList(models)).toEqual([]);
    expect(models.map((model) => model.id)).toEqual(BUILT_IN_VERTEX_MODELS);
    expect(bed.provider.knownModels!()?.has('gemini-2.5-flash')).toBe(true);
  });

  it('fails with the upstream status when Vertex itself fails (no silent fallback)', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'GET',
          path: LIST_PATH,
          reply: {
            status: 503,
            body: {
              error: {
                code: 503,
                message: 'The service is currently unavailable.',
                status: 'UNAVAILABLE',
              },
            },
          },
        },
      ],
    });
    await expect(bed.provider.listModels!(createTestCallContext())).rejects.toMatchObject({
      status: 503,
      message: 'The service is currently unavailable.',
    });
  });
});
