import type { Readable } from 'node:stream';
import type { Got, Method } from 'got';
import { mapRequestError } from './map-request-error.js';
import type { UpstreamRequest } from './send-upstream-request.js';
import { type ResponseDeadline, startResponseDeadline } from './start-response-deadline.js';

export interface StartedUpstreamCall {
  /** got's request stream: `response` when the headers arrive, then the body. */
  stream: ReturnType<Got['stream']>;
  /** The one timer of `timeoutMs`; on expiry it destroys the stream with the typed 504. */
  deadline: ResponseDeadline;
  /** A transport failure as the typed error (504 when the deadline fired, else 502 and friends). */
  toError(error: unknown): unknown;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The start both upstream helpers share (sendUpstreamRequest buffers the body, openUpstreamStream
 * hands it on): one got stream, its deadline, and the mapping of what can go wrong before an answer.
 */
export function startUpstreamCall(
  client: Got,
  request: UpstreamRequest,
  method: Method,
): StartedUpstreamCall {
  const stream = client.stream(request.url, {
    method,
    headers: request.headers,
    // got.stream waits for a body on POST/PUT/PATCH/DELETE when none is given: send an empty one.
    body: (request.body ?? (BODYLESS.has(method) ? undefined : '')) as
      | string
      | Buffer
      | Readable
      | undefined,
    signal: request.signal,
  });
  const deadline = startResponseDeadline(request, () => stream.destroy(deadline.error()));
  return {
    stream,
    deadline,
    // got wraps the error a stream is destroyed with, so the flag, not the error, tells a timeout.
    toError: (error) =>
      deadline.expired
        ? deadline.error(error)
        : mapRequestError(error, request.provider, request.url, request.timeoutMs),
  };
}
