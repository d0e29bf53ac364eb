import type { Readable } from 'node:stream';

/**
 * Reads a response body into memory, at most `limit` bytes: an upstream that answers with an endless
 * body must not exhaust memory; the rest is discarded. Plain `data` events, not `for await` or
 * `stream/consumers` (which builds a Blob on Node 20): this runs for every buffered answer.
 */
export function readBodyBounded(body: Readable, limit = 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      body.off('data', onData);
      resolve(Buffer.concat(chunks, Math.min(size, limit)));
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.length;
      if (size >= limit) {
        body.destroy();
        finish();
      }
    };
    body.on('data', onData);
    body.once('end', finish);
    body.once('error', reject);
  });
}
