import type { IncomingHttpHeaders } from 'node:http';
import { pickRateLimitHeaders, UpstreamApiError } from '@multi-ai-proxy/core';

// INTERIM: replaced by provider-google/internal's google.rpc mapper once it is published.
export function toVertexApiError(provider: string, status: number, headers: IncomingHttpHeaders, body: Uint8Array | string): UpstreamApiError {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let message = `Vertex AI answered HTTP ${status}.`;
  let code: string | null = null;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string; status?: string } };
    if (parsed.error?.message) message = parsed.error.message;
    if (parsed.error?.status) code = parsed.error.status.toLowerCase();
  } catch {
    // not JSON
  }
  return new UpstreamApiError({ provider, status, message, code, headers: pickRateLimitHeaders(headers) });
}
