import type { ResponseObject } from '@multi-ai-proxy/core';

/** One response the gateway created on a translated provider, as `/v1/responses` keeps it. */
export interface StoredResponse {
  /** The Response object in its final state, as the client received it. */
  response: ResponseObject;
  /**
   * Every input item the response was generated from, earlier turns first (a `previous_response_id`
   * chain flattened), each with an `id`. The next turn's history is this plus `response.output`.
   */
  input: Array<Record<string, unknown>>;
}

/**
 * Where `/v1/responses` keeps the responses it created, per owner (a digest naming the gateway key or
 * the client credentials), so one key never reads another's. Every record expires after the TTL.
 */
export interface ResponseStore {
  /** False when the record was not kept (larger than the per-response limit). */
  save(owner: string, record: StoredResponse): Promise<boolean>;
  get(owner: string, responseId: string): Promise<StoredResponse | undefined>;
  /** Whether a record was there to delete. */
  delete(owner: string, responseId: string): Promise<boolean>;
}
