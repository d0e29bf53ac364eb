import { Writable } from 'node:stream';
import type { Context } from 'koa';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/create-logger.js';
import { createErrorHandlerMiddleware } from './error-handler.js';

function run(thrown: unknown, path = '/v1/chat/completions') {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()));
      callback();
    },
  });
  const ctx = {
    path,
    state: { requestId: 'req_1' },
    headerSent: false,
    writable: true,
    status: 0,
    body: undefined,
    set: () => {},
  } as unknown as Context;
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
    expect(ctx.body).toEqual({
      error: {
        message: 'The gateway could not complete the request.',
        type: 'server_error',
        param: null,
        code: null,
      },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request failed',
      requestId: 'req_1',
      status: 500,
      error: { name: 'TypeError' },
    });
    expect(lines[0]!.stack).toMatch(
      /^TypeError: Cannot read properties of null[^\n]*\n\s+at convertSomething /,
    );
  });

  it('logs nothing for a client error', async () => {
    const { ctx, lines } = await run(
      Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed' }),
    );
    expect(ctx.status).toBe(400);
    expect(lines).toEqual([]);
  });

  it("answers Anthropic's envelope on /v1/messages routes, OpenAI's elsewhere", async () => {
    const parseError = () =>
      Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    const messages = await run(parseError(), '/v1/messages/count_tokens');
    expect(messages.ctx.status).toBe(400);
    expect(messages.ctx.body).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('JSON body') },
    });
    const bug = await run(new TypeError('x'), '/v1/messages');
    expect(bug.ctx.body).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'The gateway could not complete the request.' },
    });
    expect((await run(parseError(), '/v1/messagesx')).ctx.body).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_json' },
    });
  });
});
