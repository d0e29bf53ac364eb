import type { Readable } from 'node:stream';

/**
 * Reads an (error) response body into memory, at most `limit` bytes: an upstream that answers an
 * error with an endless body must not exhaust memory. The rest is discarded.
 */
export async function readBodyBounded(body: Readable, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    size += buffer.length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit);
}
