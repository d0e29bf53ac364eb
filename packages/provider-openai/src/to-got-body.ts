import type { Readable } from 'node:stream';

/**
 * got validates `body` as string | Buffer | Readable; a plain Uint8Array (what the host hands over)
 * is rejected. Wrap it as a Buffer view over the same memory: no copy.
 */
export function toGotBody(
  body: Uint8Array | Readable | string | undefined,
): Buffer | Readable | string | undefined {
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return body;
}
