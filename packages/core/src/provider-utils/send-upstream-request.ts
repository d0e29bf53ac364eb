import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Got, Method } from 'got';
import { mapRequestError } from './map-request-error.js';

export interface UpstreamRequest {
  /** Provider instance name, used in error messages. */
  provider: string;
  url: string;
  method?: Method;
  headers?: Record<string, string | undefined>;
  body?: string | Uint8Array | Readable;
  signal?: AbortSignal;
  /** For error messages only; the client's own timeout applies. */
  timeoutMs?: number;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One buffered upstream call. Never throws on HTTP status; transport failures become 502/504 errors. */
export async function sendUpstreamRequest(client: Got, request: UpstreamRequest): Promise<UpstreamResponse> {
  try {
    const response = await client(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body as string | Buffer | Readable | undefined,
      signal: request.signal,
      responseType: 'buffer',
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw mapRequestError(error, request.provider, request.url, request.timeoutMs);
  }
}
