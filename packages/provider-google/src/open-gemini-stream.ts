import type { CallContextV1 } from '@multi-ai-proxy/core';
import { openUpstreamStream, readBodyBounded } from '@multi-ai-proxy/core/provider-utils';
import type { GeminiEngineSettings } from './gemini-engine-settings.js';
import type { GoogleGenerateContentResponse } from './google-api-types.js';
import { mapGoogleError } from './map-google-error.js';
import { parseGoogleSseStream } from './parse-google-sse-stream.js';

/** An error answer on the stream endpoint is one JSON body; more than this is not an error body. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Opens `:streamGenerateContent?alt=sse` and resolves once the upstream answered: a non-200 status
 * becomes an OpenAI error before anything is written to the client; a 200 yields the parsed events as
 * they arrive (including a bare `{"error":…}` object sent mid-stream).
 */
export async function openGeminiStream(
  settings: GeminiEngineSettings,
  url: string,
  body: unknown,
  context: CallContextV1,
): Promise<AsyncGenerator<GoogleGenerateContentResponse>> {
  const auth = await settings.authHeaders(context);
  const upstream = await openUpstreamStream(settings.client, {
    provider: settings.provider,
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth },
    body: JSON.stringify(body),
    signal: context.signal,
    timeoutMs: settings.timeoutMs,
    telemetry: context.telemetry,
  });
  if (upstream.status !== 200) {
    // A reset inside the error body still leaves the status to answer with.
    const errorBody = await readBodyBounded(upstream.body, MAX_ERROR_BODY_BYTES).catch(() =>
      Buffer.alloc(0),
    );
    upstream.body.destroy();
    throw mapGoogleError(upstream.status, errorBody, settings.provider, upstream.headers);
  }
  return parseGoogleSseStream(upstream.body, settings.provider);
}
