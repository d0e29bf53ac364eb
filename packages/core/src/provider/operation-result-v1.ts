import type { Readable } from 'node:stream';

/** A JSON answer; the host serialises `body`. */
export interface JsonResultV1<T> {
  kind: 'json';
  body: T;
  status?: number;
  headers?: Record<string, string>;
}

/**
 * A stream of OpenAI chunks; the host writes each as `data: <json>\n\n` as soon as it is yielded,
 * then `data: [DONE]`. Throwing a GatewayError mid-stream makes the host write an OpenAI error
 * event and end the response cleanly.
 */
export interface ChunkStreamResultV1<T> {
  kind: 'chunks';
  chunks: AsyncIterable<T>;
  headers?: Record<string, string>;
}

/** The upstream's own response, piped to the client with back-pressure (the passthrough fast path). */
export interface RawResultV1 {
  kind: 'raw';
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable | Uint8Array | string;
}

export type OperationResultV1<TJson, TChunk = never> =
  | JsonResultV1<TJson>
  | ChunkStreamResultV1<TChunk>
  | RawResultV1;
