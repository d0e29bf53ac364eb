import { type CallContextV1, openUpstreamStream } from '@multi-ai-proxy/core';
import { type GoogleGenerateContentResponse, mapGoogleError, parseGoogleSseStream } from '@multi-ai-proxy/provider-google/internal';
import type { VertexUpstream } from './vertex-upstream.js';

/** An error answer on the stream endpoint is one JSON body; more than this is not an error body. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Opens `:streamGenerateContent?alt=sse` and resolves once Vertex answered: a non-200 status becomes
 * an OpenAI error before anything is written to the client; a 200 yields the parsed events as they
 * arrive (including a bare `{"error":…}` object sent mid-stream).
 */
export async function openVertexStream(upstream: VertexUpstream, url: string, body: unknown, context: Pick<CallContextV1, 'signal'>): Promise<AsyncGenerator<GoogleGenerateContentResponse>> {
  const headers = await upstream.auth.authHeaders();
  const response = await openUpstreamStream(upstream.client, {
    provider: upstream.provider,
    url,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal: context.signal,
    timeoutMs: upstream.timeoutMs,
    responseTimeoutMs: upstream.timeoutMs,
  });
  if (response.status !== 200) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(buffer);
      size += buffer.length;
      if (size >= MAX_ERROR_BODY_BYTES) break;
    }
    response.body.destroy();
    throw mapGoogleError(response.status, Buffer.concat(chunks), upstream.provider, response.headers);
  }
  return parseGoogleSseStream(response.body, upstream.provider);
}
