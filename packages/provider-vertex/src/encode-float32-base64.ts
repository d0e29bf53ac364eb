/** OpenAI's `encoding_format: "base64"`: the vector as little-endian float32 bytes, base64-encoded. */
export function encodeFloat32Base64(values: readonly number[]): string {
  const buffer = Buffer.allocUnsafe(values.length * 4);
  for (let index = 0; index < values.length; index++) buffer.writeFloatLE(values[index] as number, index * 4);
  return buffer.toString('base64');
}
