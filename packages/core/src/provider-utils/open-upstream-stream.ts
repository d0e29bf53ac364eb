import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Got } from 'got';
import { mapRequestError } from './map-request-error.js';
import type { UpstreamRequest } from './send-upstream-request.js';

export interface UpstreamStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The response body, not yet read: pipe it or iterate it. */
  body: Readable;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Opens a streamed upstream call and resolves once the response headers arrived (got's `response`
 * event), so the caller can choose status and body before writing anything to the client.
 */
export function openUpstreamStream(client: Got, request: UpstreamRequest): Promise<UpstreamStream> {
  return new Promise((resolve, reject) => {
    const stream = client.stream(request.url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      // got.stream waits for a body on POST/PUT/PATCH/DELETE when none is given: send an empty one.
      body: (request.body ?? (BODYLESS.has(request.method ?? 'POST') ? undefined : '')) as string | Buffer | Readable | undefined,
      signal: request.signal,
    });
    const onError = (error: unknown) => reject(mapRequestError(error, request.provider, request.url, request.timeoutMs));
    stream.once('error', onError);
    stream.once('response', (response: { statusCode: number; headers: IncomingHttpHeaders }) => {
      stream.off('error', onError);
      // Late transport errors (reset mid-body) surface to whoever reads the stream.
      resolve({ status: response.statusCode, headers: response.headers, body: stream });
    });
  });
}
