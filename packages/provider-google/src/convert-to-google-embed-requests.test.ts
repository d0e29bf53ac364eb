import { describe, expect, it } from 'vitest';
import { convertFromGoogleEmbeddings } from './convert-from-google-embeddings.js';
import { convertToGoogleEmbedRequests } from './convert-to-google-embed-requests.js';
import { encodeEmbeddingBase64 } from '@multi-ai-proxy/core/provider-utils';

// No recorded batchEmbedContents body exists in fixtures/upstream: shapes from the documented API (ai.google.dev, models.batchEmbedContents).
describe('embedding conversion', () => {
  it('splits inputs at the batch size, keeps order and sets outputDimensionality', () => {
    const { inputs, batches } = convertToGoogleEmbedRequests(
      { model: 'e', input: ['a', 'b', 'c'], dimensions: 8 },
      { modelId: 'gemini-embedding-001', maxBatchSize: 2 },
    );
    expect(inputs).toEqual(['a', 'b', 'c']);
    expect(batches).toEqual([
      {
        requests: [
          {
            model: 'models/gemini-embedding-001',
            content: { parts: [{ text: 'a' }] },
            outputDimensionality: 8,
          },
          {
            model: 'models/gemini-embedding-001',
            content: { parts: [{ text: 'b' }] },
            outputDimensionality: 8,
          },
        ],
      },
      {
        requests: [
          {
            model: 'models/gemini-embedding-001',
            content: { parts: [{ text: 'c' }] },
            outputDimensionality: 8,
          },
        ],
      },
    ]);
  });

  it('uses reported usage when present and fails loudly on a count mismatch', () => {
    const result = convertFromGoogleEmbeddings(
      [{ embeddings: [{ values: [1] }], usageMetadata: { promptTokenCount: 5 } }],
      { model: 'e', provider: 'google', inputs: ['a'] },
    );
    expect(result.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
    expect(() =>
      convertFromGoogleEmbeddings([{ embeddings: [] }], {
        model: 'e',
        provider: 'google',
        inputs: ['a'],
      }),
    ).toThrow(expect.objectContaining({ status: 502 }));
  });

  it('encodes base64 as little-endian float32 like OpenAI', () => {
    expect(encodeEmbeddingBase64([1, -2.5])).toBe(
      Buffer.from(new Float32Array([1, -2.5]).buffer).toString('base64'),
    );
  });
});
