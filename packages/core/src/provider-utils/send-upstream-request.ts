import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Got, Method } from 'got';
import type { CallTelemetryV1 } from '../provider/call-telemetry-v1.js';
import { noteUpstreamHeaders } from './note-upstream-headers.js';
import { readBodyBounded } from './read-body-bounded.js';
import { startUpstreamCall } from './start-upstream-call.js';

export interface UpstreamRequest {
  /** Provider instance name, used in error messages. */
  provider: string;
  url: string;
  method?: Method;
  headers?: Record<string, string | undefined>;
  body?: string | Uint8Array | Readable;
  signal?: AbortSignal;
  /**
   * Time allowed until the response headers arrive, enforced with one timer (→ 504); for a stream
   * (`openUpstreamStream`) also the longest silence inside the body. Cheaper than got's timeout
   * machinery on the hot path: use it with a client created without its own `timeoutMs`.
   */
  timeoutMs?: number;
  /** The call's `context.telemetry`: given, the helper records when the upstream's headers arrived and its host. */
  telemetry?: CallTelemetryV1;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One buffered upstream call. Never throws on HTTP status; transport failures become 502/504 errors.
 * `timeoutMs` covers the call until the whole body is read.
 *
 * Built on `got.stream`, not got's promise API: measured alone (bench/got-call-modes.mjs) the promise
 * layer (p-cancelable, its own body collection and response parsing) costs ~50–250 µs more per call
 * for the same request, and every translated (Gemini, Vertex, Anthropic) answer takes this path.
 */
export function sendUpstreamRequest(
  client: Got,
  request: UpstreamRequest,
): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const { stream, deadline, toError } = startUpstreamCall(
      client,
      request,
      request.method ?? 'GET',
    );
    const fail = (error: unknown) => {
      deadline.clear();
      reject(toError(error));
    };
    stream.once('error', fail);
    stream.once('response', (response: { statusCode: number; headers: IncomingHttpHeaders }) => {
      noteUpstreamHeaders(request.telemetry, request.url);
      stream.off('error', fail);
      readBodyBounded(stream, Number.POSITIVE_INFINITY).then((body) => {
        deadline.clear();
        // got keeps its abort listener after the body was read: an abort afterwards must not crash.
        stream.on('error', () => {});
        resolve({ status: response.statusCode, headers: response.headers, body });
      }, fail);
    });
  });
}
