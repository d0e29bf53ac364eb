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

  it('a stream of comments only that ends is handed on whole', async () => {
    const body = new PassThrough();
    const reached = reachFirstByte(sseResult(body), 'azure');
    body.end(FILTER_COMMENT);
    expect(await readAll(await reached)).toBe(FILTER_COMMENT);
  });
});
