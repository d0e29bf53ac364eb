import { describe, expect, it } from 'vitest';
import { encodeEmbeddingBase64 } from './encode-embedding-base64.js';

describe('encodeEmbeddingBase64', () => {
  it('writes little-endian float32 values, as OpenAI base64 embeddings are read', () => {
    const encoded = encodeEmbeddingBase64([1, -0.5, 0.25]);
    const bytes = Buffer.from(encoded, 'base64');
    expect(bytes.length).toBe(12);
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4), bytes.readFloatLE(8)]).toEqual([
      1, -0.5, 0.25,
    ]);
  });
});
