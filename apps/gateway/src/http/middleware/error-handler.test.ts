import { Writable } from 'node:stream';
import type { Context } from 'koa';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/create-logger.js';
import { createErrorHandlerMiddleware } from './error-handler.js';

function run(thrown: unknown) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()));
      callback();
    },
  });
  const ctx = { state: { requestId: 'req_1' }, headerSent: false, writable: true, status: 0, body: undefined, set: () => {} } as unknown as Context;
  const handle = createErrorHandlerMiddleware(createLogger('info', destination as never));
  return handle(ctx as never, async () => {
    throw thrown;
  }).then(() => ({ ctx, lines }));
}

describe('error handler', () => {
  it('answers a gateway bug with a hidden 500 and logs it with its stack', async () => {
    function convertSomething(): never {
      throw new TypeError("Cannot read properties of null (reading 'type')");
    }
    let bug: unknown;
    try {
      convertSomething();
    } catch (error) {
      bug = error;
    }
    const { ctx, lines } = await run(bug);
    expect(ctx.status).toBe(500);
    expect(ctx.body).toEqual({ error: { message: 'The gateway could not complete the request.', type: 'server_error', param: null, code: null } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request failed', requestId: 'req_1', status: 500, error: { name: 'TypeError' } });
    expect(lines[0]!.stack).toMatch(/^TypeError: Cannot read properties of null[^\n]*\n\s+at convertSomething /);
  });

  it('logs nothing for a client error', async () => {
    const { ctx, lines } = await run(Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed' }));
    expect(ctx.status).toBe(400);
    expect(lines).toEqual([]);
  });
});
