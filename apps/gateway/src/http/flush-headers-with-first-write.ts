import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * How long an event stream's headers may wait for its first event before they are sent alone. The
 * first event almost always follows the upstream's headers within a millisecond (Azure's filter-only
 * chunk, Gemini's first candidate); a slower one (a long time to first token) finds them sent.
 */
export const HEADERS_WAIT_MS = 10;

/**
 * Commits an event stream's status and headers now (a later error cannot turn it into another
 * status), but lets their bytes leave in the same socket write as the first event when the body
 * piped into the response (Koa pipes `ctx.body`) yields it within HEADERS_WAIT_MS: one write instead
 * of two on the way to the client's first byte (on loopback each costs ~50–200 µs of the gateway's
 * CPU, and the first event waited behind the headers' write). The socket is corked for at most that
 * long; the tick of the piped body's first chunk, the timer, the end of the response (Node uncorks
 * fully there) or its close uncorks it. Nothing is wrapped: the response keeps its own methods.
 */
export function flushHeadersWithFirstWrite(response: ServerResponse): void {
  const socket = response.socket;
  if (socket === null || socket.destroyed || typeof socket.cork !== 'function') {
    response.flushHeaders();
    return;
  }
  socket.cork();
  response.flushHeaders();
  let corked = true;
  const release = () => {
    if (!corked) return;
    corked = false;
    clearTimeout(timer);
    response.off('pipe', onPipe);
    response.off('close', release);
    if (!response.writableEnded) socket.uncork();
  };
  // A pipe adds its own `data` listener before it emits `pipe`: this one runs after the chunk was
  // written (into the corked socket, behind the headers). Uncorking on the next tick, as Node's own
  // write does, sends the headers and every chunk of this tick (Gemini's role and first content
  // chunks) in one writev.
  const onFirstChunk = () => process.nextTick(release);
  const onPipe = (source: Readable) => source.once('data', onFirstChunk);
  const timer = setTimeout(release, HEADERS_WAIT_MS);
  response.once('pipe', onPipe);
  response.once('close', release);
}
