import type { IncomingHttpHeaders } from 'node:http';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { pickRateLimitHeaders } from '@multi-ai-proxy/core/provider-utils';
import { parseOpenAIErrorBody, type UpstreamErrorDetail } from './parse-openai-error-body.js';

export interface UpstreamErrorResponse {
  /** Provider instance name. */
  provider: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Credentials sent upstream: scrubbed from the message should the upstream echo one. */
  secrets?: readonly (string | undefined)[];
  /** Provider-specific addition to the message (a content-filter summary, a routing hint). */
  describe?: (detail: UpstreamErrorDetail) => string | undefined;
}

// Request ids help the operator find the call in the upstream's logs; they are not secrets.
const TRACE_HEADERS = ['x-request-id', 'apim-request-id', 'x-ms-request-id'];

/**
 * An upstream error answer → UpstreamApiError: same status, upstream detail (an OpenAI-shaped error
 * object kept whole), retry headers kept; credentials the upstream echoed are scrubbed.
 */
export function createUpstreamApiError(response: UpstreamErrorResponse): UpstreamApiError {
  const detail = parseOpenAIErrorBody(response.body, response.status);
  const extra = response.describe?.(detail);
  const secrets = (response.secrets ?? []).filter(
    (secret): secret is string => secret !== undefined && secret.length >= 8,
  );
  const scrub = (text: string) =>
    secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join('[redacted]'), text);
  const message = scrub(extra ? `${detail.message} ${extra}` : detail.message);
  // An OpenAI-shaped error object reaches the client whole (Azure's `innererror` says which filter fired).
  const upstreamError =
    detail.openAIShaped && detail.error
      ? (scrubStrings(detail.error, scrub) as Record<string, unknown>)
      : undefined;
  const headers = pickRateLimitHeaders(response.headers);
  for (const name of TRACE_HEADERS) {
    const value = response.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return new UpstreamApiError({
    provider: response.provider,
    status: response.status,
    message,
    type: detail.type,
    code: detail.code,
    param: detail.param,
    headers,
    upstreamError,
  });
}

function scrubStrings(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, scrub));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, scrubStrings(item, scrub)]),
  );
}
