import type { ResponseObject, ResponseStreamEvent } from '@multi-ai-proxy/core';

const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Passes a Responses event stream on, storing the final response before its terminal event is
 * written: a client that sends `previous_response_id` the moment `response.completed` arrives finds
 * it. A response the store did not keep goes out with `store: false`, which is then the truth.
 */
export async function* saveBeforeCompletion(
  events: AsyncIterable<ResponseStreamEvent>,
  save: (response: ResponseObject) => Promise<boolean>,
): AsyncGenerator<ResponseStreamEvent> {
  for await (const event of events) {
    if (FINAL_EVENTS.has(event.type)) {
      const response = event.response as ResponseObject;
      if (response.store === true && !(await save(response)))
        yield { ...event, response: { ...response, store: false } };
      else yield event;
      continue;
    }
    yield event;
  }
}
