import { Readable } from 'node:stream';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import { type OperationResultV1, toOpenAIErrorBody } from '@multi-ai-proxy/core';
import { formatSseData, SSE_DONE, SSE_HEADERS } from '@multi-ai-proxy/core/provider-utils';
import { tapResponseWrites } from '../telemetry/tap-response-writes.js';
import type { GatewayState } from './gateway-state.js';
import { toGatewayError } from './to-gateway-error.js';

// Hop-by-hop headers (RFC 9110 §7.6.1) and those Node computes itself are never copied from upstream.
const SKIPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'date',
  'server',
  'vary',
]);

/** Writes a provider's result: JSON, an OpenAI SSE stream of chunks, or the upstream's raw response. */
export function writeOperationResult(
  ctx: Context,
  result: OperationResultV1<unknown, unknown>,
  logger: Logger,
): void {
  if (result.kind === 'json') {
    ctx.status = result.status ?? 200;
    if (result.headers) ctx.set(result.headers);
    ctx.body = result.body as object;
    return;
  }
  if (result.kind === 'raw') {
    ctx.status = result.status;
    for (const [name, value] of Object.entries(result.headers)) {
      if (value === undefined) continue;
      const lower = name.toLowerCase();
      // The gateway's own request id and CORS policy win over whatever the upstream said.
      if (lower === 'x-request-id') ctx.set('x-upstream-request-id', value);
      else if (!SKIPPED_HEADERS.has(lower) && !lower.startsWith('access-control-'))
        ctx.set(name, value);
    }
    const isStream = typeof (result.body as Readable).pipe === 'function';
    if (isStream) {
      const body = result.body as Readable;
      // Koa only ends the response when the upstream body fails; say why in the log.
      body.once('error', (error: Error) => {
        if (!ctx.state.abortController?.signal.aborted)
          logger.warn(
            { requestId: ctx.state.requestId, error: { name: error.name, message: error.message } },
            'upstream body failed',
          );
      });
      ctx.body = body;
      const telemetry = (ctx.state as GatewayState).telemetry;
      const attempt = telemetry?.attempts.at(-1);
      const contentType = ctx.response.get('content-type');
      // Usage and first-chunk time of a forwarded answer are read as it is written (JSON or SSE; not files).
      if (attempt?.isOpen && /^(text\/event-stream|application\/json)/i.test(contentType))
        tapResponseWrites(ctx.res, attempt);
      // An event stream's status and headers go out now, not with its first event (which a
      // provider may hold back, e.g. Azure's merged filter-only chunk).
      if (/^text\/event-stream/i.test(contentType)) {
        telemetry?.stampHeaders(ctx);
        ctx.flushHeaders();
      }
    } else {
      const bytes = result.body as Uint8Array;
      ctx.body =
        typeof result.body === 'string' || Buffer.isBuffer(bytes)
          ? result.body
          : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return;
  }
  ctx.status = 200;
  ctx.set(SSE_HEADERS);
  if (result.headers) ctx.set(result.headers);
  ctx.body = Readable.from(toSseLines(result.chunks, ctx.state as GatewayState, logger), {
    objectMode: false,
    highWaterMark: 1,
  });
  (ctx.state as GatewayState).telemetry?.stampHeaders(ctx);
  ctx.flushHeaders();
}

/**
 * Each chunk becomes one `data:` event as soon as the provider yields it. A failure mid-stream is
 * reported to the client as an OpenAI error event, then the stream ends without `[DONE]`, so a
 * client cannot mistake a truncated answer for a complete one.
 */
async function* toSseLines(
  chunks: AsyncIterable<unknown>,
  state: GatewayState,
  logger: Logger,
): AsyncGenerator<string> {
  const attempt = state.telemetry?.attempts.at(-1);
  try {
    for await (const chunk of chunks) {
      attempt?.observeChunk(chunk);
      yield formatSseData(chunk);
    }
  } catch (thrown) {
    // The client left: nobody to tell, and the provider's upstream call is already aborted.
    if (state.abortController.signal.aborted) return;
    const error = toGatewayError(thrown);
    logger.warn(
      { requestId: state.requestId, status: error.status, code: error.code },
      'stream failed after it started',
    );
    yield formatSseData(toOpenAIErrorBody(error));
    return;
  }
  yield SSE_DONE;
}
