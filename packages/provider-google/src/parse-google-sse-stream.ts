import { UpstreamApiError } from '@multi-ai-proxy/core';
import type { GoogleGenerateContentResponse } from './google-api-types.js';

const MAX_EVENT_BYTES = 32 * 1024 * 1024;

/**
 * Gemini's `?alt=sse` body → one parsed GenerateContentResponse per event, yielded as each event
 * completes. Written here rather than on core's parseSseStream because a failing stream can end
 * with a bare JSON `{"error":…}` object that is no SSE event at all (recorded:
 * vertex/streamGenerateContent.error-mid-stream.sse.txt); a spec parser drops those lines, and the
 * client would see a clean end instead of the error. Lines outside `data:` fields are collected and
 * parsed as JSON when they complete an object.
 */
export async function* parseGoogleSseStream(
  source: AsyncIterable<Uint8Array | string>,
  provider = 'google',
): AsyncGenerator<GoogleGenerateContentResponse> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let bare: string[] = [];
  let bareSize = 0;

  function* flushData(): Generator<GoogleGenerateContentResponse> {
    if (data.length === 0) return;
    const payload = data.join('\n');
    data = [];
    if (payload.trim() === '[DONE]' || payload.trim() === '') return;
    yield parseJson(payload, provider);
  }

  function* handleLine(line: string): Generator<GoogleGenerateContentResponse> {
    if (bare.length > 0 || (line.trimStart().startsWith('{') && !line.startsWith('data:'))) {
      bare.push(line);
      bareSize += line.length;
      if (bareSize > MAX_EVENT_BYTES) throw malformed(provider, 'an unterminated JSON object');
      const joined = bare.join('\n');
      if (line.trim().endsWith('}') || line.trim().endsWith(']')) {
        try {
          const value = JSON.parse(joined) as GoogleGenerateContentResponse;
          bare = [];
          bareSize = 0;
          yield value;
        } catch {
          // not complete yet: keep collecting
        }
      }
      return;
    }
    if (line === '') {
      yield* flushData();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    data.push(value);
  }

  for await (const chunk of source) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (buffer.length > MAX_EVENT_BYTES) throw malformed(provider, 'an event larger than 32 MiB');
    let start = 0;
    for (;;) {
      const lf = buffer.indexOf('\n', start);
      const cr = buffer.indexOf('\r', start);
      let end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (end < 0) break;
      // A CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (end === cr && cr === buffer.length - 1) break;
      const line = buffer.slice(start, end);
      if (buffer[end] === '\r' && buffer[end + 1] === '\n') end += 1;
      start = end + 1;
      yield* handleLine(line);
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  if (buffer.length > 0) yield* handleLine(buffer.replace(/\r$/, ''));
  yield* flushData();
  if (bare.length > 0) {
    const text = bare.join('\n');
    yield parseJson(text, provider);
  }
}

function parseJson(text: string, provider: string): GoogleGenerateContentResponse {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as GoogleGenerateContentResponse;
  } catch {
    // reported below
  }
  throw malformed(provider, 'an event that is not a JSON object');
}

function malformed(provider: string, what: string): UpstreamApiError {
  return new UpstreamApiError({
    provider,
    status: 502,
    message: `The Google API stream sent ${what}.`,
    type: 'api_error',
    code: 'bad_upstream_response',
  });
}
