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

/** An upstream error answer → UpstreamApiError: same status, upstream detail, retry headers kept. */
export function createUpstreamApiError(response: UpstreamErrorResponse): UpstreamApiError {
  const detail = parseOpenAIErrorBody(response.body, response.status);
  const extra = response.describe?.(detail);
  let message = extra ? `${detail.message} ${extra}` : detail.message;
  for (const secret of response.secrets ?? []) {
    if (secret && secret.length >= 8) message = message.split(secret).join('[redacted]');
  }
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
  });
}
