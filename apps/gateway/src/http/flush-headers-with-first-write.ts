import type { ServerResponse } from 'node:http';

/**
 * How long an event stream's headers may wait for its first event before they are sent alone. The
 * first event almost always follows the upstream's headers within a millisecond (Azure's filter-only
 * chunk, Gemini's first candidate); a slower one (a long time to first token) finds them sent.
 */
export const HEADERS_WAIT_MS = 10;

/**
 * Commits an event stream's status and headers now (later errors cannot turn it into another
 * status), but lets their bytes leave in the same socket write as the first event when that is
 * written within HEADERS_WAIT_MS: one write instead of two on the way to the client's first byte
 * (on loopback each costs ~50–200 µs of the gateway's CPU, and the first event waited behind the
 * headers' write). The socket is corked for at most that long; the first `write` or `end` of the
 * response, the timer or the response's close uncorks it.
 */
export function flushHeadersWithFirstWrite(response: ServerResponse): void {
  const socket = response.socket;
  if (socket === null || socket.destroyed || typeof socket.cork !== 'function') {
    response.flushHeaders();
    return;
  }
  socket.cork();
  response.flushHeaders();
  const { write, end } = response;
  let corked = true;
  const release = () => {
    if (!corked) return;
    corked = false;
    clearTimeout(timer);
    response.write = write;
    response.end = end;
    response.off('close', release);
    socket.uncork();
  };
  const timer = setTimeout(release, HEADERS_WAIT_MS);
  // Node's own write corks the socket only when it is not corked already: the chunk is buffered
  // behind the headers, and the uncork below sends both in one writev.
  response.write = function (this: typeof response, ...args: unknown[]) {
    const written = (write as (...parameters: unknown[]) => boolean).apply(this, args);
    release();
    return written;
  } as typeof response.write;
  response.end = function (this: typeof response, ...args: unknown[]) {
    const ended = (end as (...parameters: unknown[]) => typeof response).apply(this, args);
    release();
    return ended;
  } as typeof response.end;
  response.once('close', release);
}
