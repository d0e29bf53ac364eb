import type { CreateEmbeddingResponse, EmbeddingRequest } from '@multi-ai-proxy/core';
import {
  checkEmbeddingResponse,
  checkProviderError,
  createTestCallContext,
  readJsonFixture,
  readRecordingFixture,
  recordingToMockReply,
} from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { startVertexProvider, type VertexTestBed } from '../test/start-vertex-provider.js';

const BASE_PATH = '/v1/projects/test-project/locations/us-central1/publishers/google/models';

async function embed(
  bed: VertexTestBed,
  request: EmbeddingRequest,
  upstreamModel?: string,
): Promise<CreateEmbeddingResponse> {
  const result = await bed.provider.createEmbedding!(
    request,
    createTestCallContext({ model: request.model, upstreamModel: upstreamModel ?? request.model }),
  );
  if (result.kind !== 'json') throw new Error(`expected a JSON result, got ${result.kind}`);
  return result.body;
}

// Synthetic :predict answer for batching tests (no recording has hundreds of inputs): each vector
// is [position of the text in the request, its length], each text counts 3 tokens.
function syntheticPredict(request: { json(): unknown }) {
  const { instances } = request.json() as { instances: Array<{ content: string }> };
  return {
    body: {
      predictions: instances.map((instance) => ({
        embeddings: {
          values: [Number(instance.content.slice(5)), instance.content.length],
          statistics: { token_count: 3, truncated: false },
        },
      })),
    },
  };
}

describe('createEmbedding (Vertex :predict and :embedContent)', () => {
  let bed: VertexTestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('replays the recorded text-embedding-004 :predict call: same upstream body, vector and usage', async () => {
    const [interaction] = readRecordingFixture(
      fixture('predict.text-embedding-004.recording.json'),
    );
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${BASE_PATH}/text-embedding-004:predict`,
          reply: recordingToMockReply(interaction!),
        },
      ],
    });

    const body = await embed(bed, { model: 'text-embedding-004', input: 'Hello world' });

    expect(bed.upstream.requests).toHaveLength(1);
    const sent = bed.upstream.requests[0]!;
    expect(sent.json()).toEqual(interaction!.request.body);
    expect(sent.headers.authorization).toBe('Bearer ya29.vertex-test-1');
    expect(sent.headers['content-type']).toBe('application/json');
    const recorded = (
      interaction!.response.segments[0] as {
        predictions: Array<{ embeddings: { values: number[] } }>;
      }
    ).predictions[0]!.embeddings.values;
    expect(checkEmbeddingResponse(body, { inputCount: 1 })).toEqual([]);
    expect(body).toEqual({
      object: 'list',
      model: 'text-embedding-004',
      data: [{ object: 'embedding', index: 0, embedding: recorded }],
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
  });

  it('replays the recorded two-input answer with dimensions → parameters.outputDimensionality, usage summed', async () => {
    const recorded = readJsonFixture<{ predictions: Array<{ embeddings: { values: number[] } }> }>(
      fixture('predict.embeddings.response.json'),
    );
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${BASE_PATH}/text-embedding-005:predict`,
          reply: { body: recorded },
        },
      ],
    });

    const body = await embed(bed, {
      model: 'text-embedding-005',
      input: ['sunny day at the beach', 'rainy day in the city'],
      dimensions: 5,
    });

    expect(bed.upstream.requests[0]!.json()).toEqual({
      instances: [{ content: 'sunny day at the beach' }, { content: 'rainy day in the city' }],
      parameters: { outputDimensionality: 5 },
    });
    expect(checkEmbeddingResponse(body, { inputCount: 2, dimensions: 5 })).toEqual([]);
    expect(body.data.map((entry) => entry.embedding)).toEqual(
      recorded.predictions.map((prediction) => prediction.embeddings.values),
    );
    expect(body.usage).toEqual({ prompt_tokens: 11, total_tokens: 11 });
  });

  it('answers base64 little-endian float32 when encoding_format is base64', async () => {
    const recorded = readJsonFixture<{ predictions: Array<{ embeddings: { values: number[] } }> }>(
      fixture('predict.embeddings.response.json'),
    );
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${BASE_PATH}/text-embedding-005:predict`,
          reply: { body: recorded },
        },
      ],
    });

    const body = await embed(bed, {
      model: 'text-embedding-005',
      input: ['a', 'b'],
      encoding_format: 'base64',
    });

    expect(checkEmbeddingResponse(body, { inputCount: 2, encodingFormat: 'base64' })).toEqual([]);
    const decoded = Buffer.from(body.data[1]!.embedding as string, 'base64');
    const floats = Array.from({ length: decoded.length / 4 }, (_, index) =>
      decoded.readFloatLE(index * 4),
    );
    expect(floats).toEqual(
      recorded.predictions[1]!.embeddings.values.map((value) => Math.fround(value)),
    );
  });

  it('splits more than 250 inputs into :predict batches and keeps the order', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${BASE_PATH}/text-embedding-005:predict`,
          reply: syntheticPredict,
        },
      ],
    });
    const input = Array.from({ length: 600 }, (_, index) => `text-${index}`);

    const body = await embed(bed, { model: 'text-embedding-005', input });

    expect(
      bed.upstream.requests
        .map((request) => (request.json() as { instances: unknown[] }).instances.length)
        .sort((a, b) => b - a),
    ).toEqual([250, 250, 100]);
    expect(body.data.map((entry) => (entry.embedding as number[])[0])).toEqual(
      input.map((_, index) => index),
    );
    expect(body.data.map((entry) => entry.index)).toEqual(input.map((_, index) => index));
    expect(body.usage.prompt_tokens).toBe(1800);
  });

  it('sends gemini-embedding-001 one instance per :predict call', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${BASE_PATH}/gemini-embedding-001:predict`,
          reply: syntheticPredict,
        },
      ],
    });

    const body = await embed(bed, {
      model: 'gemini-embedding-001',
      input: ['text-0', 'text-1', 'text-2'],
      dimensions: 2,
    });

    expect(bed.upstream.requests).toHaveLength(3);
    for (const request of bed.upstream.requests) {
      expect(request.json()).toEqual({
        instances: [{ content: expect.stringMatching(/^text-\d$/) }],
        parameters: { outputDimensionality: 2 },
      });
    }
    expect(body.data.map((entry) => (entry.embedding as number[])[0])).toEqual([0, 1, 2]);
  });

  it('calls :embedContent once per input for gemini-embedding-2 models', async () => {
    // Synthetic: no recorded Vertex :embedContent answer exists; shape from googleapis/js-genai (embedContent).
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${BASE_PATH}/gemini-embedding-2-preview:embedContent`,
          reply: (request) => {
            const text = (request.json() as { content: { parts: Array<{ text: string }> } }).content
              .parts[0]!.text;
            return {
              body: {
                embedding: { values: [text.length, 0.5] },
                usageMetadata: { promptTokenCount: text.length },
                truncated: false,
              },
            };
          },
        },
      ],
    });

    const body = await embed(bed, {
      model: 'gemini-embedding-2-preview',
      input: ['ab', 'abcd'],
      dimensions: 2,
    });

    expect(bed.upstream.requests.map((request) => request.json())).toEqual(
      expect.arrayContaining([
        {
          content: { role: 'user', parts: [{ text: 'ab' }] },
          embedContentConfig: { outputDimensionality: 2 },
        },
        {
          content: { role: 'user', parts: [{ text: 'abcd' }] },
          embedContentConfig: { outputDimensionality: 2 },
        },
      ]),
    );
    expect(body.data.map((entry) => entry.embedding)).toEqual([
      [2, 0.5],
      [4, 0.5],
    ]);
    expect(body.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
  });

  it('passes a recorded 429 RESOURCE_EXHAUSTED on as a 429 OpenAI error', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${BASE_PATH}/text-embedding-005:predict`,
          reply: {
            status: 429,
            body: readJsonFixture(fixture('error.429-resource-exhausted.json')),
          },
        },
      ],
    });
    const error = await embed(bed, { model: 'text-embedding-005', input: 'x' }).catch(
      (thrown: unknown) => thrown,
    );
    expect(checkProviderError(error, { status: 429, secrets: ['ya29.vertex-test-1'] })).toEqual([]);
    expect((error as Error).message).toContain('Quota exceeded');
  });

  it.each([
    [{ input: [1, 2, 3] }, 'input'],
    [{ input: [] }, 'input'],
    [{ input: 'x', dimensions: 0 }, 'dimensions'],
    [{ input: 'x', encoding_format: 'int8' }, 'encoding_format'],
  ])('refuses %j with a 400 naming %s, without calling Vertex', async (fields, param) => {
    bed = await startVertexProvider();
    const error = await embed(bed, {
      model: 'text-embedding-005',
      ...fields,
    } as EmbeddingRequest).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 400, param });
    expect(bed.upstream.requests).toHaveLength(0);
  });

  it('treats encoding_format null like no encoding_format: float vectors, as provider-google does', async () => {
    const recorded = readJsonFixture<{ predictions: Array<{ embeddings: { values: number[] } }> }>(
      fixture('predict.embeddings.response.json'),
    );
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${BASE_PATH}/text-embedding-005:predict`,
          reply: { body: recorded },
        },
      ],
    });

    const body = await embed(bed, {
      model: 'text-embedding-005',
      input: ['a', 'b'],
      encoding_format: null,
    } as unknown as EmbeddingRequest);

    expect(checkEmbeddingResponse(body, { inputCount: 2 })).toEqual([]);
    expect(body.data.map((entry) => entry.embedding)).toEqual(
      recorded.predictions.map((prediction) => prediction.embeddings.values),
    );
  });
});
