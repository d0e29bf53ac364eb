import { type Readable, Transform, type TransformCallback, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { OperationResultV1 } from '@multi-ai-proxy/core';
import { findUsageInJson } from './find-usage-in-json.js';
import { readUsagePart, type UsagePart } from './token-usage.js';

export interface UsageSink {
  /** A usage report as the answer gives it; a stream may report its fields in several events. */
  recordUsage(usage: UsagePart): void;
  /** The answer's body was read to its end (or failed): every report it had is recorded. */
  end(): void;
}

// The usage of a non-streamed JSON answer sits at its end; a tail this long always holds it.
const JSON_TAIL_CHARS = 4096;

/**
 * The same result, reading the real token usage on its way to the client: a JSON body's usage, the
 * usage events of a stream (object chunks or raw SSE bytes: OpenAI's usage chunk, Responses'
 * `response.completed`, Anthropic's `message_start`/`message_delta`, Gemini's `usageMetadata`).
 * With `stripUsage` (the gateway asked the upstream for `stream_options.include_usage` and the client
 * did not), the usage-only chunk is dropped and object chunks lose their `usage` field, so the client
 * sees what it asked for. `sink.end` is called once the body is read (at once for buffered bodies);
 * a body that is neither JSON nor SSE (audio, files) is passed untouched and never ends the sink.
 */
export function observeUsage<J, C>(
  result: OperationResultV1<J, C>,
  sink: UsageSink,
  stripUsage: boolean,
): OperationResultV1<J, C> {
  if (result.kind === 'json') {
    const usage = readUsagePart((result.body as { usage?: unknown } | undefined)?.usage);
    if (usage !== undefined) sink.recordUsage(usage);
    sink.end();
    return result;
  }
  if (result.kind === 'chunks')
    return {
      ...result,
      chunks: observeChunks(result.chunks, sink, stripUsage) as AsyncIterable<C>,
    };
  const body = result.body;
  if (typeof (body as Readable).pipe !== 'function') {
    const text =
      typeof body === 'string'
        ? body
        : Buffer.from(
            (body as Uint8Array).buffer,
            (body as Uint8Array).byteOffset,
            (body as Uint8Array).byteLength,
          ).toString('utf8');
    const usage = findUsageInJson(
      text.length > JSON_TAIL_CHARS ? text.slice(-JSON_TAIL_CHARS) : text,
    );
    if (usage !== undefined) sink.recordUsage(usage);
    sink.end();
    return result;
  }
  const contentType = String(
    result.headers['content-type'] ?? result.headers['Content-Type'] ?? '',
  ).toLowerCase();
  const transform = contentType.startsWith('text/event-stream')
    ? createSseUsageTransform(sink, stripUsage)
    : contentType.includes('json')
      ? createJsonTailTransform(sink)
      : undefined;
  if (transform === undefined) return result;
  // pipeline destroys the upstream body when the client side goes away, and forwards its errors.
  pipeline(body as Readable, transform, () => sink.end());
  return { ...result, body: transform };
}

async function* observeChunks(
  chunks: AsyncIterable<unknown>,
  sink: UsageSink,
  stripUsage: boolean,
): AsyncGenerator<unknown> {
  try {
    for await (const chunk of chunks) {
      const record = chunk as { usage?: unknown; choices?: unknown[] };
      const usage = readUsagePart(record?.usage);
      if (usage !== undefined) sink.recordUsage(usage);
      if (stripUsage && record !== null && typeof record === 'object' && 'usage' in record) {
        if (usage !== undefined && Array.isArray(record.choices) && record.choices.length === 0)
          continue;
        delete record.usage;
      }
      yield chunk;
    }
  } finally {
    sink.end();
  }
}

/** The usage report of one parsed SSE event, wherever its API puts it. */
function usageOfEvent(event: Record<string, unknown> | undefined): UsagePart | undefined {
  if (event === undefined) return undefined;
  const nested = (event.response ?? event.message) as { usage?: unknown } | undefined;
  return (
    readUsagePart(event.usage) ??
    readUsagePart(event.usageMetadata) ??
    readUsagePart(typeof nested === 'object' && nested !== null ? nested.usage : undefined)
  );
}

/**
 * Passes SSE bytes through event by event; events that mention a usage key are parsed for it, and
 * the chat usage-only event (`choices: []`) is dropped when `strip` is set. Other events are not parsed.
 */
function createSseUsageTransform(sink: UsageSink, strip: boolean): Transform {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const handleEvents = (text: string): string => {
    if (!text.includes('"usage')) return text;
    let out = '';
    for (const event of text.split(/(?<=\r?\n\r?\n)/)) {
      const data = event.match(/^data: ?(\{.*\})\s*$/ms)?.[1];
      if (data === undefined || !data.includes('"usage')) {
        out += event;
        continue;
      }
      let parsed: (Record<string, unknown> & { choices?: unknown[] }) | undefined;
      try {
        parsed = JSON.parse(data);
      } catch {
        parsed = undefined;
      }
      const usage = usageOfEvent(parsed);
      if (usage !== undefined) sink.recordUsage(usage);
      if (
        strip &&
        usage !== undefined &&
        Array.isArray(parsed?.choices) &&
        parsed.choices.length === 0
      )
        continue;
      out += event;
    }
    return out;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending += decoder.write(chunk);
      const boundary = Math.max(pending.lastIndexOf('\n\n'), pending.lastIndexOf('\r\n\r\n'));
      if (boundary < 0) return callback();
      const end = pending.startsWith('\r\n\r\n', boundary) ? boundary + 4 : boundary + 2;
      const complete = pending.slice(0, end);
      pending = pending.slice(end);
      const out = handleEvents(complete);
      callback(null, out.length > 0 ? out : undefined);
    },
    flush(callback: TransformCallback) {
      const rest = handleEvents(pending + decoder.end());
      callback(null, rest.length > 0 ? rest : undefined);
    },
  });
}

/** Passes a streamed JSON body through untouched, keeping its tail to read the usage at the end. */
function createJsonTailTransform(sink: UsageSink): Transform {
  let tail = '';
  const decoder = new StringDecoder('utf8');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      tail = (tail + decoder.write(chunk)).slice(-JSON_TAIL_CHARS);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const usage = findUsageInJson(tail + decoder.end());
      if (usage !== undefined) sink.recordUsage(usage);
      callback();
    },
  });
}
