import { PassThrough } from 'node:stream';
import type { OperationResultV1 } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { FirstEventError, reachFirstByte } from './reach-first-byte.js';

const FILTER_COMMENT = ': prompt_filter_results\n\n';
const ERROR_EVENT =
  'data: {"error":{"message":"The server is overloaded","type":"server_error"}}\n\n';
const DELTA_EVENT = 'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n';

function sseResult(body: PassThrough): OperationResultV1<unknown, unknown> {
  return { kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body };
}

async function readAll(result: OperationResultV1<unknown, unknown>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of (result as { body: AsyncIterable<Buffer> }).body) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

describe('reachFirstByte on a raw event stream', () => {
  it('an SSE comment is not the commit point: an error event after it is a first-event error', async () => {
    const body = new PassThrough();
    const reached = reachFirstByte(sseResult(body), 'azure');
    body.write(FILTER_COMMENT);
    // The comment alone must not settle the commit point.
    await new Promise((resolve) => setImmediate(resolve));
    body.write(ERROR_EVENT);
    await expect(reached).rejects.toBeInstanceOf(FirstEventError);
  });

  it('commits on the first data line and gives the client every byte, the comment first', async () => {
    const body = new PassThrough();
    const reached = reachFirstByte(sseResult(body), 'azure');
    body.write(FILTER_COMMENT);
    body.write(DELTA_EVENT);
    const result = await reached;
    body.end('data: [DONE]\n\n');
    expect(await readAll(result)).toBe(`${FILTER_COMMENT}${DELTA_EVENT}data: [DONE]\n\n`);
  });

  it("Anthropic's error event as the first event is a first-event error, even when its data line comes in a later write", async () => {
    const body = new PassThrough();
    const reached = reachFirstByte(sseResult(body), 'foundry');
    body.write('event: error\n');
    // The event line names the event; its data line is what commits.
    await new Promise((resolve) => setImmediate(resolve));
    body.write(
      'data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
    const error = await reached.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(FirstEventError);
    expect((error as FirstEventError).error).toMatchObject({ message: 'Overloaded' });
  });

  it("Anthropic's message_start as the first event commits, every byte kept", async () => {
    const body = new PassThrough();
    const reached = reachFirstByte(sseResult(body), 'foundry');
    const start = 'event: message_start\ndata: {"type":"message_start","message":{}}\n\n';
    body.write(start);
    const result = await reached;
    body.end('event: message_stop\ndata: {"type":"message_stop"}\n\n');
    expect(await readAll(result)).toBe(
      `${start}event: message_stop\ndata: {"type":"message_stop"}\n\n`,
    );
  });

  it('a stream of comments only that ends is handed on whole', async () => {
    const body = new PassThrough();
    const reached = reachFirstByte(sseResult(body), 'azure');
    body.end(FILTER_COMMENT);
    expect(await readAll(await reached)).toBe(FILTER_COMMENT);
  });
});
