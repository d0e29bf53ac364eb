import { Readable } from 'node:stream';
import { UpstreamApiError, type OperationResultV1 } from '@multi-ai-proxy/core';

// A stream may open with chunks that carry no choice (Azure's prompt_filter_results): those are held
// with the first one that does, up to this many.
const MAX_HELD_CHUNKS = 8;
// An error answer of a raw result is read to learn what happened; it is small.
const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

/** A stream's first event was an error (a pre-commit failure, retried like an error status). */
export class FirstEventError extends Error {
  constructor(readonly error: unknown) {
    super('The stream failed before its first event.');
    this.name = 'FirstEventError';
  }
}

/**
 * Waits for the commit point of a result: a JSON answer is there; a stream of chunks has yielded its
 * first chunk that carries a choice (or ended); a raw answer has its status and first body bytes (an
 * event stream: its first data line, with any SSE comments before it held back until then).
 * Returns the result with what was read put back in front. Throws for an error status of a raw
 * answer (as UpstreamApiError) and a first event that is an error (FirstEventError).
 */
export async function reachFirstByte<J, C>(
  result: OperationResultV1<J, C>,
  provider: string,
): Promise<OperationResultV1<J, C>> {
  if (result.kind === 'json') return result;
  if (result.kind === 'chunks') return { ...result, chunks: await peekChunks(result.chunks) };
  if (result.status >= 400) throw await rawError(result, provider);
  if (!isReadable(result.body)) return result;
  const eventStream = /^text\/event-stream/i.test(String(headerOf(result, 'content-type') ?? ''));
  // An event stream commits on its first data line (SSE comments are not events), any other body on its first bytes.
  const peeked = await peekBody(result.body, eventStream ? hasEventLine : () => true);
  if (peeked === undefined) return result;
  const errorData = eventStream ? firstEventErrorData(peeked.first) : undefined;
  if (errorData !== undefined) {
    result.body.destroy();
    throw new FirstEventError(rawEventError(errorData, provider));
  }
  if (peeked.body !== undefined) return { ...result, body: peeked.body };
  return result;
}

async function peekChunks<C>(chunks: AsyncIterable<C>): Promise<AsyncIterable<C>> {
  const iterator = chunks[Symbol.asyncIterator]();
  const held: C[] = [];
  let done = false;
  try {
    while (held.length < MAX_HELD_CHUNKS) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      held.push(next.value);
      const choices = (next.value as { choices?: unknown[] } | null)?.choices;
      if (!Array.isArray(choices) || choices.length > 0) break;
    }
  } catch (error) {
    await iterator.return?.();
    throw new FirstEventError(error);
  }
  return replay(held, done ? undefined : iterator);
}

async function* replay<C>(held: C[], rest: AsyncIterator<C> | undefined): AsyncGenerator<C> {
  yield* held;
  if (rest === undefined) return;
  try {
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return?.();
  }
}

// SSE comments (`: …`, Azure's filter-only first chunk as the provider writes it) are not an event:
// an event stream's commit point is its first `data:` line, looked for in at most this much.
const FIRST_EVENT_LIMIT_BYTES = 64 * 1024;

/**
 * The first bytes of `body` up to the point `enough` accepts (or the limit), put back in front so the
 * writer pipes all of it. A body that ended before that comes back as a new readable of what it sent
 * (nothing can be put back after an end); one that ended empty is undefined.
 */
function peekBody(
  body: Readable,
  enough: (text: string) => boolean,
): Promise<{ first: Buffer; body?: Readable } | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      parts.push(buffer);
      size += buffer.length;
      const held = parts.length === 1 ? buffer : Buffer.concat(parts);
      if (size < FIRST_EVENT_LIMIT_BYTES && !enough(held.toString('utf8'))) return;
      cleanup();
      body.pause();
      body.unshift(held);
      resolve({ first: held });
    };
    const onEnd = () => {
      cleanup();
      if (parts.length === 0) return resolve(undefined);
      const held = Buffer.concat(parts);
      resolve({ first: held, body: Readable.from([held]) });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
  });
}

// SSE field lines that name an event without being its data (`event: error` comes before its data line).
const NAMING_FIELD = /^(event|id|retry):/;

/**
 * How an event stream's own error events begin, as bytes: Anthropic's `event: error`, OpenAI's
 * `data: {"error"`. The same two forms firstEventErrorData recognises as a first event; after the
 * commit point the router looks for them in every piece (one native indexOf each).
 */
export const SSE_ERROR_EVENT_MARKERS = ['event: error', 'data: {"error"'] as const;

/** A complete line that carries data: not empty, not an SSE comment, not `event:` / `id:` / `retry:`. */
function hasEventLine(text: string): boolean {
  const lines = text.split('\n');
  lines.pop(); // the last piece may be an unfinished line
  return lines.some(
    (line) => line.trim().length > 0 && !line.startsWith(':') && !NAMING_FIELD.test(line),
  );
}

/**
 * The JSON of the first event when that event is an error: OpenAI's `data: {"error":…}`, Anthropic's
 * `event: error` with `data: {"type":"error","error":…}`; undefined for any other first event.
 */
function firstEventErrorData(buffer: Buffer): string | undefined {
  let named: string | undefined;
  for (const raw of buffer.toString('utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim().length === 0 || line.startsWith(':')) continue;
    if (line.startsWith('event:')) {
      named = line.slice('event:'.length).trim();
      continue;
    }
    if (NAMING_FIELD.test(line)) continue;
    const data = line.startsWith('data:') ? line.slice('data:'.length).trim() : line.trim();
    return named === 'error' || /^\{\s*"(error|type"\s*:\s*"error)"/.test(data) ? data : undefined;
  }
  return undefined;
}

async function rawError(
  result: Extract<OperationResultV1<unknown, unknown>, { kind: 'raw' }>,
  provider: string,
): Promise<UpstreamApiError> {
  let text = '';
  if (typeof result.body === 'string') text = result.body;
  else if (!isReadable(result.body)) text = Buffer.from(result.body).toString('utf8');
  else {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of result.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > ERROR_BODY_LIMIT_BYTES) break;
      parts.push(buffer);
    }
    result.body.destroy();
    text = Buffer.concat(parts).toString('utf8');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers)) {
    const lower = name.toLowerCase();
    if (
      value !== undefined &&
      (lower === 'retry-after' ||
        lower === 'retry-after-ms' ||
        lower === 'x-ms-retry-after-ms' ||
        lower.startsWith('x-ratelimit-'))
    )
      headers[lower] = String(value);
  }
  const error = parseErrorObject(text);
  return new UpstreamApiError({
    provider,
    status: result.status,
    message:
      typeof error?.message === 'string'
        ? error.message
        : `The upstream answered ${result.status}.`,
    type: typeof error?.type === 'string' ? error.type : undefined,
    code: typeof error?.code === 'string' ? error.code : null,
    param: typeof error?.param === 'string' ? error.param : null,
    headers,
    upstreamError: error,
  });
}

function rawEventError(data: string, provider: string): UpstreamApiError {
  const error = parseErrorObject(data);
  return new UpstreamApiError({
    provider,
    status: 502,
    message: typeof error?.message === 'string' ? error.message : 'The upstream stream failed.',
    upstreamError: error,
  });
}

function parseErrorObject(text: string): Record<string, unknown> | undefined {
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    return typeof error === 'object' && error !== null
      ? (error as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function headerOf(
  result: { headers: Record<string, string | string[] | undefined> },
  name: string,
): string | string[] | undefined {
  for (const [key, value] of Object.entries(result.headers))
    if (key.toLowerCase() === name) return value;
  return undefined;
}

function isReadable(body: unknown): body is Readable {
  return typeof (body as Readable).pipe === 'function';
}
