import type { ResponseStreamEvent } from '@multi-ai-proxy/core';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { parseSseStream } from '@multi-ai-proxy/core/provider-utils';

/** Azure's Responses SSE body → the parsed event objects, one per `data:` as it completes. */
export async function* parseAzureResponsesEvents(
  body: AsyncIterable<Uint8Array | string>,
  provider: string,
): AsyncGenerator<ResponseStreamEvent> {
  for await (const event of parseSseStream(body)) {
    const data = event.data.trim();
    if (data === '' || data === '[DONE]') continue;
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      value = undefined;
    }
    if (
      typeof value !== 'object' ||
      value === null ||
      typeof (value as { type?: unknown }).type !== 'string'
    ) {
      throw new UpstreamApiError({
        provider,
        status: 502,
        type: 'api_error',
        code: 'bad_upstream_response',
        message: 'The Azure Responses stream sent an event that is not a JSON object with a type.',
      });
    }
    yield value as ResponseStreamEvent;
  }
}
