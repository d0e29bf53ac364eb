import type { CallContextV1 } from '@multi-ai-proxy/core';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { sendUpstreamRequest } from '@multi-ai-proxy/core/provider-utils';
import type { GeminiEngineSettings } from './gemini-engine-settings.js';
import { mapGoogleError } from './map-google-error.js';

export interface GeminiJsonCall {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Authentication of this call; default the settings' `authHeaders(context)`. */
  headers?: Record<string, string>;
  /** The client's abort signal; omitted for work shared by several callers (model listings). */
  signal?: AbortSignal;
}

/** One buffered JSON call: authenticated, google.rpc errors mapped (mapGoogleError), the answer parsed. */
export async function requestGeminiJson<T>(
  settings: GeminiEngineSettings,
  call: GeminiJsonCall,
  context: CallContextV1,
): Promise<T> {
  const method = call.method ?? 'POST';
  const auth = call.headers ?? (await settings.authHeaders(context));
  const response = await sendUpstreamRequest(settings.client, {
    provider: settings.provider,
    url: call.url,
    method,
    headers: {
      accept: 'application/json',
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...auth,
    },
    body: method === 'POST' ? JSON.stringify(call.body) : undefined,
    signal: call.signal,
    timeoutMs: settings.timeoutMs,
    telemetry: context.telemetry,
  });
  if (response.status < 200 || response.status >= 300)
    throw mapGoogleError(response.status, response.body, settings.provider, response.headers);
  try {
    return JSON.parse(response.body.toString('utf8')) as T;
  } catch {
    throw new UpstreamApiError({
      provider: settings.provider,
      status: 502,
      type: 'api_error',
      code: 'bad_upstream_response',
      message: `Provider "${settings.provider}": ${settings.upstreamName} answered HTTP ${response.status} with a body that is not JSON.`,
    });
  }
}
