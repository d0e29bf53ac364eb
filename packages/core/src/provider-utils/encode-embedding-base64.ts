/** OpenAI's `encoding_format: "base64"`: the vector as little-endian float32 bytes, base64-encoded. */
export function encodeEmbeddingBase64(values: readonly number[]): string {
  const buffer = Buffer.allocUnsafe(values.length * 4);
  for (const [index, value] of values.entries()) buffer.writeFloatLE(value, index * 4);
  return buffer.toString('base64');
}
