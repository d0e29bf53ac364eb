import type { CallContextV1, PassthroughRequestV1, RawResultV1 } from '@multi-ai-proxy/core';
import { joinUrl, openUpstreamStream } from '@multi-ai-proxy/core/provider-utils';
import type { Method } from 'got';
import type { GeminiEngineSettings } from './gemini-engine-settings.js';

/** Client headers a native call keeps: content negotiation and the SDK's identification. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'x-goog-api-client'];
/** Upstream headers the client gets back (hop-by-hop and cookie headers stay behind). */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'retry-after',
  'content-disposition',
  'x-goog-upload-status',
  'server-timing',
];

/**
 * One native Gemini API / Vertex AI call (`/gemini/…`, `/vertex/…`): the client's method, query
 * (without a `key` parameter: client credentials never pass) and body bytes to `origin + path`, the
 * server's credentials (`settings.authHeaders`, which replace the client's), and the upstream's answer —
 * status, body and streams — as it is, piped with back-pressure.
 */
export async function forwardNativeRequest(
  settings: Pick<GeminiEngineSettings, 'provider' | 'client' | 'timeoutMs' | 'authHeaders'>,
  origin: string,
  path: string,
  request: PassthroughRequestV1,
  context: CallContextV1,
): Promise<RawResultV1> {
  const search = new URLSearchParams(context.search);
  search.delete('key');
  const url = joinUrl(origin, path, search.toString() || undefined);
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = context.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  Object.assign(headers, await settings.authHeaders(context));
  const upstream = await openUpstreamStream(settings.client, {
    provider: settings.provider,
    url,
    method: request.method.toUpperCase() as Method,
    headers,
    body: request.body === undefined ? undefined : Buffer.from(request.body),
    signal: context.signal,
    timeoutMs: settings.timeoutMs,
    telemetry: context.telemetry,
  });
  const responseHeaders: Record<string, string | string[] | undefined> = {};
  for (const name of FORWARDED_RESPONSE_HEADERS)
    if (upstream.headers[name] !== undefined) responseHeaders[name] = upstream.headers[name];
  return { kind: 'raw', status: upstream.status, headers: responseHeaders, body: upstream.body };
}
