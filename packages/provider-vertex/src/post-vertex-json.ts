import { type CallContextV1, sendUpstreamRequest, UpstreamApiError } from '@multi-ai-proxy/core';
import { mapGoogleError } from '@multi-ai-proxy/provider-google/internal';
import type { VertexUpstream } from './vertex-upstream.js';

/** One buffered JSON call to Vertex AI: authenticated; google.rpc errors mapped by provider-google's mapper. */
export async function postVertexJson(upstream: VertexUpstream, url: string, body: unknown, context: Pick<CallContextV1, 'signal'>, method: 'POST' | 'GET' = 'POST'): Promise<unknown> {
  const headers = await upstream.auth.authHeaders();
  const response = await sendUpstreamRequest(upstream.client, {
    provider: upstream.provider,
    url,
    method,
    headers: method === 'POST' ? { ...headers, 'content-type': 'application/json' } : headers,
    body: method === 'POST' ? JSON.stringify(body) : undefined,
    signal: context.signal,
    timeoutMs: upstream.timeoutMs,
    responseTimeoutMs: upstream.timeoutMs,
  });
  if (response.status < 200 || response.status >= 300) throw mapGoogleError(response.status, response.body, upstream.provider, response.headers);
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new UpstreamApiError({
      provider: upstream.provider,
      status: 502,
      type: 'api_error',
      code: 'bad_upstream_response',
      message: `Provider "${upstream.provider}": Vertex AI answered HTTP ${response.status} with a body that is not JSON.`,
    });
  }
}
