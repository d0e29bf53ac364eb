import { Readable } from 'node:stream';
import type { OperationResultV1 } from '../provider/operation-result-v1.js';
import { parseSseStream } from '../provider-utils/parse-sse-stream.js';

/** What a client would receive from an operation result, gathered for checks. */
export type CollectedResult =
  | { kind: 'json'; status: number; headers: Record<string, unknown>; body: unknown }
  | {
      kind: 'stream';
      status: number;
      headers: Record<string, unknown>;
      /** Parsed chunk objects, in order, without `[DONE]` and without error events. */
      chunks: unknown[];
      /** `[DONE]` arrived (always true for `kind: 'chunks'` results: the host writes it). */
      done: boolean;
      /** Events that came after `[DONE]` (must be none). */
      eventsAfterDone: number;
      /** What the stream ended with instead of `[DONE]`: a thrown error (chunk results) or an `{"error":…}` event (raw SSE). */
      error: unknown;
    }
  | { kind: 'bytes'; status: number; headers: Record<string, unknown>; body: Buffer };

const MAX_CHUNKS = 100_000;

/**
 * Reads an operation result to the end the way the host would serve it: JSON as is, a chunk iterable
 * until it ends or throws, a raw body parsed as SSE or JSON by its content type.
 */
export async function collectOperationResult(
  result: OperationResultV1<unknown, unknown>,
): Promise<CollectedResult> {
  if (result.kind === 'json')
    return {
      kind: 'json',
      status: result.status ?? 200,
      headers: result.headers ?? {},
      body: result.body,
    };
  if (result.kind === 'chunks') {
    const chunks: unknown[] = [];
    let error: unknown;
    try {
      for await (const chunk of result.chunks) {
        chunks.push(chunk);
        if (chunks.length > MAX_CHUNKS)
          throw new Error(`the chunk stream did not end after ${MAX_CHUNKS} chunks`);
      }
    } catch (thrown) {
      error = thrown;
    }
    return {
      kind: 'stream',
      status: 200,
      headers: result.headers ?? {},
      chunks,
      done: error === undefined,
      eventsAfterDone: 0,
      error,
    };
  }
  const headers = result.headers;
  const contentType = String(headerValue(headers, 'content-type') ?? '');
  if (contentType.includes('text/event-stream'))
    return collectSse(result.status, headers, toReadable(result.body));
  const body = await readAll(toReadable(result.body));
  if (contentType.includes('json')) {
    try {
      return {
        kind: 'json',
        status: result.status,
        headers,
        body: JSON.parse(body.toString('utf8')),
      };
    } catch {
      return { kind: 'bytes', status: result.status, headers, body };
    }
  }
  return { kind: 'bytes', status: result.status, headers, body };
}

async function collectSse(
  status: number,
  headers: Record<string, unknown>,
  body: Readable,
): Promise<CollectedResult> {
  const chunks: unknown[] = [];
  let done = false;
  let eventsAfterDone = 0;
  let error: unknown;
  for await (const event of parseSseStream(body)) {
    if (done) {
      eventsAfterDone += 1;
      continue;
    }
    if (event.data.trim() === '[DONE]') {
      done = true;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      parsed = event.data;
    }
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) error = parsed;
    else chunks.push(parsed);
    if (chunks.length > MAX_CHUNKS) break;
  }
  return { kind: 'stream', status, headers, chunks, done, eventsAfterDone, error };
}

function headerValue(headers: Record<string, unknown>, name: string): unknown {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
}

function toReadable(body: Readable | Uint8Array | string): Readable {
  return typeof body === 'string' || body instanceof Uint8Array
    ? Readable.from([Buffer.from(body)])
    : body;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream)
    parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}
