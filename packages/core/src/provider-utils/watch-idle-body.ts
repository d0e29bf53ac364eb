import type { Readable } from 'node:stream';

/**
 * An upstream that sends its headers and then stalls would hold the client for ever. Every `idleMs`
 * the body is checked: complete, or bytes arrived on its socket since the last check, is fine;
 * otherwise it is destroyed with the error, which its reader sees (as the `cause` of got's wrapper).
 * No per-chunk work: a timer reads the socket's byte count.
 */
export function watchIdleBody(
  stream: Readable,
  response: IdleWatchedResponse,
  idleMs: number,
  createError: () => Error,
): void {
  let lastBytes = response.socket?.bytesRead ?? 0;
  const timer = setTimeout(function check() {
    if (response.complete || stream.destroyed) return;
    const bytes = response.socket?.bytesRead ?? 0;
    if (bytes !== lastBytes) {
      lastBytes = bytes;
      timer.refresh();
      return;
    }
    stream.destroy(createError());
  }, idleMs);
  // got's streams do not always emit 'close' after 'end' (autoDestroy is off): clear on both, or the
  // timer would keep every finished call in memory until it fires.
  const stop = () => clearTimeout(timer);
  stream.once('end', stop);
  stream.once('close', stop);
  timer.unref();
}

export interface IdleWatchedResponse {
  complete: boolean;
  socket: { bytesRead: number } | null;
}
