import type { Readable } from 'node:stream';
import type { CallContextV1 } from '@multi-ai-proxy/core';
import {
  openUpstreamStream,
  readBodyBounded,
  sendUpstreamRequest,
  type UpstreamStream,
} from '@multi-ai-proxy/core/provider-utils';
import type { Got } from 'got';
import type { AnthropicUpstream } from './anthropic-upstream.js';
import { mapAnthropicError } from './map-anthropic-error.js';

export interface AnthropicCallSettings {
  provider: string;
  client: Got;
  upstream: AnthropicUpstream;
  timeoutMs: number | undefined;
}

export interface AnthropicCall {
  url: string;
  body: string | Uint8Array;
  /** Headers beyond authentication (`anthropic-beta`, a client's `anthropic-version`). */
  headers?: Record<string, string | undefined>;
}

/** One buffered Messages (or count_tokens) call; an error status becomes the mapped UpstreamApiError. */
export async function sendAnthropicJson(
  settings: AnthropicCallSettings,
  call: AnthropicCall,
  context: CallContextV1,
): Promise<unknown> {
  const response = await sendUpstreamRequest(settings.client, {
    provider: settings.provider,
    url: call.url,
    method: 'POST',
    headers: { ...(await settings.upstream.headers(context)), ...call.headers },
    body: call.body,
    signal: context.signal,
    timeoutMs: settings.timeoutMs,
    telemetry: context.telemetry,
  });
  if (response.status >= 400)
    throw mapAnthropicError({
      provider: settings.provider,
      label: settings.upstream.label,
      status: response.status,
      body: response.body,
      headers: response.headers,
    });
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    throw mapAnthropicError({
      provider: settings.provider,
      label: settings.upstream.label,
      status: 502,
      body: '',
    });
  }
}

/** A streamed Messages call, resolved on the upstream's headers; an error status is read (bounded) and thrown. */
export async function openAnthropicStream(
  settings: AnthropicCallSettings,
  call: AnthropicCall,
  context: CallContextV1,
): Promise<UpstreamStream> {
  const upstream = await openUpstreamStream(settings.client, {
    provider: settings.provider,
    url: call.url,
    method: 'POST',
    headers: { ...(await settings.upstream.headers(context)), ...call.headers },
    body: call.body,
    signal: context.signal,
    timeoutMs: settings.timeoutMs,
    telemetry: context.telemetry,
  });
  if (upstream.status >= 400) {
    const body = await readBodyBounded(upstream.body as Readable);
    throw mapAnthropicError({
      provider: settings.provider,
      label: settings.upstream.label,
      status: upstream.status,
      body,
      headers: upstream.headers,
    });
  }
  return upstream;
}
