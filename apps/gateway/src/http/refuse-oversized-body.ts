import type { IncomingMessage } from 'node:http';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import type { Context } from 'koa';

// Discarding costs no memory, only the time to receive: bounded by a fixed cap whatever the limits are.
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/** The 413 every body reader answers (JSON and multipart alike). */
export function createBodyTooLargeError(): InvalidRequestError {
  return new InvalidRequestError(
    'The request body is larger than this gateway accepts (see MULTI_AI_PROXY_JSON_LIMIT / MULTI_AI_PROXY_MULTIPART_LIMIT).',
    {
      status: 413,
      code: 'request_too_large',
    },
  );
}

/**
 * The 413 for a body over its limit, answered only once the client is done sending: a client still
 * writing when the gateway answers and closes gets a reset and never reads the 413. So the rest of the
 * body is read and dropped (never kept) up to 64 MiB; a body declared or found larger is left unread
 * and that client may see a reset. Either way the connection closes after the answer (`Connection: close`).
 */
export async function refuseOversizedBody(ctx: Context): Promise<InvalidRequestError> {
  ctx.set('Connection', 'close');
  await discardBody(ctx.req, MAX_DISCARD_BYTES);
  return createBodyTooLargeError();
}

function discardBody(req: IncomingMessage, maxBytes: number): Promise<void> {
  const declared = Number(req.headers['content-length']);
  if (req.complete || req.destroyed || declared > maxBytes) return Promise.resolve();
  return new Promise((resolve) => {
    let discarded = 0;
    const finish = () => {
      req.off('data', count).off('end', finish).off('close', finish).off('error', finish);
      resolve();
    };
    const count = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > maxBytes) {
        req.pause();
        finish();
      }
    };
    // A parser that gave up leaves the request piped into it (an inflate stream) and paused.
    req.unpipe();
    req.on('data', count).once('end', finish).once('close', finish).once('error', finish);
    req.resume();
  });
}
