import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBodyBounded } from './read-body-bounded.js';

describe('readBodyBounded', () => {
  it('reads a body shorter than the limit whole, strings and buffers alike', async () => {
    await expect(readBodyBounded(Readable.from([Buffer.from('ab'), 'cd']), 10)).resolves.toEqual(
      Buffer.from('abcd'),
    );
  });

  it('stops at the limit, returns the first `limit` bytes and destroys the stream', async () => {
    const body = new PassThrough();
    body.write('0123');
    body.write('4567');
    const read = readBodyBounded(body, 6);
    await expect(read).resolves.toEqual(Buffer.from('012345'));
    expect(body.destroyed).toBe(true);
  });

  it('rejects with the stream error, and when the stream is destroyed before it ended', async () => {
    const failing = new PassThrough();
    const failed = readBodyBounded(failing, 10);
    failing.destroy(new Error('reset'));
    await expect(failed).rejects.toThrow('reset');
    const closed = new PassThrough();
    const cut = readBodyBounded(closed, 10);
    closed.write('x');
    closed.destroy();
    await expect(cut).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });
});
