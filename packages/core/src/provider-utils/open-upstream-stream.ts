import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Got } from 'got';
import { UpstreamTimeoutError } from '../errors/upstream-timeout-error.js';
import { hostOfUrl } from './host-of-url.js';
import { noteUpstreamHeaders } from './note-upstream-headers.js';
import { startUpstreamCall } from './start-upstream-call.js';
import { type IdleWatchedResponse, watchIdleBody } from './watch-idle-body.js';
import type { UpstreamRequest } from './send-upstream-request.js';

export interface UpstreamStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The response body, not yet read: pipe it or iterate it. */
  body: Readable;
}

const ignoreError = () => {};

/**
 * Opens a streamed upstream call and resolves once the response headers arrived (got's `response`
 * event), so the caller can choose status and body before writing anything to the client.
 */
export function openUpstreamStream(client: Got, request: UpstreamRequest): Promise<UpstreamStream> {
  return new Promise((resolve, reject) => {
    // One timer instead of got's timeout machinery: destroying the stream with the typed error
    // rejects below (or reaches whoever reads the body, if headers came first and it still hangs).
    const { stream, deadline, toError } = startUpstreamCall(
      client,
      request,
      request.method ?? 'POST',
    );
    const onError = (error: unknown) => {
      deadline.clear();
      reject(toError(error));
    };
    stream.once('error', onError);
    stream.once(
      'response',
      (response: IdleWatchedResponse & { statusCode: number; headers: IncomingHttpHeaders }) => {
        deadline.clear();
        noteUpstreamHeaders(request.telemetry, request.url);
        stream.off('error', onError);
        // Late transport errors (reset mid-body, or an abort after the body was read) reach whoever
        // reads the stream; this listener only keeps an unobserved one from crashing the process.
        stream.on('error', ignoreError);
        const idleMs = request.timeoutMs;
        if (idleMs !== undefined) {
          watchIdleBody(
            stream,
            response,
            idleMs,
            () => new UpstreamTimeoutError(request.provider, hostOfUrl(request.url), idleMs),
          );
        }
        resolve({ status: response.statusCode, headers: response.headers, body: stream });
      },
    );
  });
}
