import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Got, Method } from 'got';
import type { CallTelemetryV1 } from '../provider/call-telemetry-v1.js';
import { mapRequestError } from './map-request-error.js';
import { noteUpstreamHeaders } from './note-upstream-headers.js';
import { startResponseDeadline } from './start-response-deadline.js';

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

/** One buffered upstream call. Never throws on HTTP status; transport failures become 502/504 errors. */
export async function sendUpstreamRequest(
  client: Got,
  request: UpstreamRequest,
): Promise<UpstreamResponse> {
  const pending = client(request.url, {
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body as string | Buffer | Readable | undefined,
    signal: request.signal,
    responseType: 'buffer',
  });
  const deadline = startResponseDeadline(request, () => pending.cancel());
  try {
    const response = await pending;
    // got resolves once the whole body is read; the headers came earlier, but this is the closest cheap mark.
    noteUpstreamHeaders(request.telemetry, request.url);
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    if (deadline.expired) throw deadline.error(error);
    throw mapRequestError(error, request.provider, request.url, request.timeoutMs);
  } finally {
    deadline.clear();
  }
}
