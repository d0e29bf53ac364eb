import type { ServerResponse } from 'node:http';
import type { UpstreamAttempt } from './upstream-attempt.js';

/**
 * Lets an attempt see the pieces of a forwarded (raw) event stream as they are written to the
 * client — the first-chunk time and the usage event — without a Transform in the pipe or a second
 * reader on the upstream body. One wrapper per streamed response, a native scan per piece.
 */
export function tapResponseWrites(response: ServerResponse, attempt: UpstreamAttempt): void {
  const write = response.write;
  response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (Buffer.isBuffer(chunk)) attempt.observeBytes(chunk);
    else if (typeof chunk === 'string') attempt.observeBytes(Buffer.from(chunk));
    return (write as (...parameters: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse['write'];
}
