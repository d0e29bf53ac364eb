import type { Readable } from 'node:stream';

/** What `readBodyBounded` reads when no limit is given: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Reads a body into memory, at most `limit` bytes: an upstream (or a remote server) that answers with
 * an endless body must not exhaust memory. Once `limit` bytes arrived the stream is destroyed and the
 * first `limit` bytes are returned; a caller that must refuse a larger body reads `limit + 1` and
 * checks the length. Plain `data` events, not `for await` or `stream/consumers` (which builds a Blob on
 * Node 20): this runs for every buffered answer. Rejects with the stream's error, and when the stream
 * closes before it ended.
 */
export function readBodyBounded(body: Readable, limit = DEFAULT_BODY_LIMIT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      outcome();
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, Math.min(size, limit))));
    const onError = (error: Error) => settle(() => reject(error));
    // A stream destroyed without an error (nobody will emit `end` any more) must not leave the caller waiting.
    const onClose = () =>
      settle(() =>
        reject(
          Object.assign(new Error('The body was closed before it ended.'), {
            code: 'ERR_STREAM_PREMATURE_CLOSE',
          }),
        ),
      );
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.length;
      if (size >= limit) {
        settle(() => resolve(Buffer.concat(chunks, limit)));
        // A later error of the destroyed stream has nobody to reach: keep it from crashing the process.
        body.on('error', () => {});
        body.destroy();
      }
    };
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
  });
}
