import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchIdleBody } from './watch-idle-body.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const response = () => ({ complete: false, socket: { bytesRead: 0 } });

describe('watchIdleBody', () => {
  it('destroys a body whose socket stays silent for the whole idle time', () => {
    const stream = new PassThrough();
    stream.on('error', () => {});
    watchIdleBody(stream, response(), 1000, () => new Error('idle'));
    vi.advanceTimersByTime(1000);
    expect(stream.destroyed).toBe(true);
  });

  it('keeps waiting while bytes arrive, and stops once the body is complete', () => {
    const stream = new PassThrough();
    const watched = response();
    watchIdleBody(stream, watched, 1000, () => new Error('idle'));
    watched.socket.bytesRead = 10;
    vi.advanceTimersByTime(1000);
    expect(stream.destroyed).toBe(false);
    watched.complete = true;
    vi.advanceTimersByTime(5000);
    expect(stream.destroyed).toBe(false);
  });

  it('clears its timer at the end of the body, so a finished call is not kept in memory', () => {
    const stream = new PassThrough();
    watchIdleBody(stream, response(), 60_000, () => new Error('idle'));
    expect(vi.getTimerCount()).toBe(1);
    stream.emit('end');
    expect(vi.getTimerCount()).toBe(0);
  });
});
