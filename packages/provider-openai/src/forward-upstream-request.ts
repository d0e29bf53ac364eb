import type { IncomingHttpHeaders } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import type { RawResultV1 } from '@multi-ai-proxy/core';
import { openUpstreamStream, readBodyBounded } from '@multi-ai-proxy/core/provider-utils';
import type { Got, Method } from 'got';
import { createUpstreamApiError } from './create-upstream-api-error.js';
import type { UpstreamErrorDetail } from './parse-openai-error-body.js';
import { pickResponseHeaders } from './pick-response-headers.js';
import { toGotBody } from './to-got-body.js';

const BUFFERED_BODY_LIMIT = 1024 * 1024;

export interface ForwardUpstreamRequest {
  /** Provider instance name (error messages). */
  provider: string;
  url: string;
  method: Method;
  headers: Record<string, string | undefined>;
  body?: Uint8Array | Readable | string;
  signal: AbortSignal;
  timeoutMs?: number;
  /** Credentials sent upstream, scrubbed from error messages. */
  secrets?: readonly (string | undefined)[];
  /** A fresh Transform for `text/event-stream` answers (e.g. dropping Azure's filter-only chunks). */
  createEventStreamTransform?: () => Transform;
  /** Provider-specific addition to upstream error messages. */
  describeError?: (detail: UpstreamErrorDetail, status: number) => string | undefined;
  /**
   * Replaces the OpenAI-shape error reading for upstreams whose error bodies are another shape
   * (Vertex AI's google.rpc Status); `body` is the bounded error body.
   */
  mapError?: (status: number, headers: IncomingHttpHeaders, body: Buffer) => Error;
}

/**
 * The passthrough fast path: sends the request, and on success hands the upstream's status,
 * headers and body stream to the host without reading it (the host pipes it with back-pressure,
 * so the first SSE byte reaches the client as soon as it arrives). Error answers are read (bounded)
 * and thrown as UpstreamApiError; transport failures are 502/504 from openUpstreamStream.
 */
export async function forwardUpstreamRequest(
  client: Got,
  request: ForwardUpstreamRequest,
): Promise<RawResultV1> {
  const upstream = await openUpstreamStream(client, {
    provider: request.provider,
    url: request.url,
    method: request.method,
    headers: request.headers,
    // got.stream() waits for the caller to write a body on methods that allow one (POST, DELETE):
    // an empty string ends such bodiless requests (POST …/cancel, DELETE /files/x) at once.
    body:
      toGotBody(request.body) ??
      (request.method === 'GET' || request.method === 'HEAD' ? undefined : ''),
    signal: request.signal,
    // Enforced by one timer in core rather than by got's timeout machinery (the hot path's cost).
    timeoutMs: request.timeoutMs,
  });
  if (upstream.status >= 400) {
    const body = await readBodyBounded(upstream.body);
    if (request.mapError !== undefined)
      throw request.mapError(upstream.status, upstream.headers, body);
    throw createUpstreamApiError({
      provider: request.provider,
      status: upstream.status,
      headers: upstream.headers,
      body,
      secrets: request.secrets,
      describe: request.describeError
        ? (detail) => request.describeError?.(detail, upstream.status)
        : undefined,
    });
  }
  const headers = pickResponseHeaders(upstream.headers);
  const contentType = upstream.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('text/event-stream')) {
    // A small answer of known length is read whole, so the host ends the response in one write
    // instead of running a stream pipeline; large or unknown-length bodies (files) stay streamed.
    const length = Number(upstream.headers['content-length']);
    if (length >= 0 && length <= BUFFERED_BODY_LIMIT)
      return {
        kind: 'raw',
        status: upstream.status,
        headers,
        body: await readBodyBounded(upstream.body, BUFFERED_BODY_LIMIT),
      };
    return { kind: 'raw', status: upstream.status, headers, body: upstream.body };
  }
  // SSE: never let a proxy (nginx) or the client cache or buffer it; the length is unknown.
  delete headers['content-length'];
  headers['cache-control'] = 'no-cache';
  headers['x-accel-buffering'] = 'no';
  if (request.createEventStreamTransform === undefined)
    return { kind: 'raw', status: upstream.status, headers, body: upstream.body };
  const transform = request.createEventStreamTransform();
  // pipeline destroys the upstream when the client side goes away, and forwards upstream errors.
  pipeline(upstream.body, transform, () => {});
  return { kind: 'raw', status: upstream.status, headers, body: transform };
}
