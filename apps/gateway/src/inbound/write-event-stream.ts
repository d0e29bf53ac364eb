import { Readable } from 'node:stream';
import { SSE_HEADERS } from '@multi-ai-proxy/core/provider-utils';
import type { Context } from 'koa';
import type { GatewayState } from '../http/gateway-state.js';

/**
 * Writes an inbound API's event stream: each event as `event: <type>` and `data: <json>` (the JSON
 * carries `type` too; Codex and the SDKs parse by it), as soon as the encoder yields it. The encoder
 * owns the API's end-of-stream and error events; this only frames and sends.
 */
export function writeEventStream(
  ctx: Context & { state: GatewayState },
  events: AsyncIterable<{ type: string }>,
): void {
  ctx.status = 200;
  ctx.set(SSE_HEADERS);
  ctx.body = Readable.from(frame(events), { objectMode: false, highWaterMark: 1 });
  ctx.state.telemetry?.stampHeaders(ctx);
  ctx.flushHeaders();
}

async function* frame(events: AsyncIterable<{ type: string }>): AsyncGenerator<string> {
  for await (const event of events)
    yield `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
