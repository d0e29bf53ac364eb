import { Readable } from 'node:stream';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ModelCallContextV1,
  OperationResultV1,
  RawResultV1,
  ResponseObject,
} from '@multi-ai-proxy/core';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { readBodyBounded, toTelemetryUsage } from '@multi-ai-proxy/core/provider-utils';
import { convertAzureResponsesStreamToChunks } from './convert-azure-responses-stream-to-chunks.js';
import { convertAzureResponsesToChatCompletion } from './convert-azure-responses-to-chat-completion.js';
import { convertChatToAzureResponsesRequest } from './convert-chat-to-azure-responses-request.js';
import { parseAzureResponsesEvents } from './parse-azure-responses-events.js';

/** A buffered Responses answer carries content-filter reports besides the output: allow more than 1 MiB. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * A chat completion for a Responses-only deployment: the request converted to a Responses body,
 * sent by `send` (the Azure provider's own call: URL, auth, api-version, error mapping), and the
 * answer converted back to a chat completion or, for `stream: true`, to chunks as events arrive.
 */
export async function answerChatWithAzureResponses(
  request: ChatCompletionRequest,
  call: ModelCallContextV1,
  deployment: string,
  provider: string,
  send: (body: Buffer) => Promise<RawResultV1>,
): Promise<OperationResultV1<ChatCompletion, ChatCompletionChunk>> {
  const body = Buffer.from(JSON.stringify(convertChatToAzureResponsesRequest(request, deployment)));
  const answer = await send(body);
  // OpenAI answers with the model name it was called with.
  const model = call.model ?? request.model;
  if (request.stream === true) {
    const source: AsyncIterable<Uint8Array | string> =
      answer.body instanceof Readable ? answer.body : Readable.from([answer.body]);
    const chunks = convertAzureResponsesStreamToChunks(
      parseAzureResponsesEvents(source, provider),
      {
        model,
        provider,
        includeUsage: request.stream_options?.include_usage === true,
        // The usage reaches the host's telemetry even when the client did not ask for the usage chunk.
        onUsage: (usage) => {
          if (call.telemetry !== undefined) call.telemetry.usage = toTelemetryUsage(usage);
        },
      },
    );
    return { kind: 'chunks', chunks };
  }
  const bytes =
    answer.body instanceof Readable
      ? await readBodyBounded(answer.body, MAX_RESPONSE_BYTES)
      : Buffer.from(answer.body);
  return {
    kind: 'json',
    body: convertAzureResponsesToChatCompletion(parseResponse(bytes, provider), model, provider),
  };
}

function parseResponse(bytes: Buffer, provider: string): ResponseObject {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (
      typeof value === 'object' &&
      value !== null &&
      (value as { object?: unknown }).object === 'response'
    )
      return value as ResponseObject;
  } catch {
    // reported below
  }
  throw new UpstreamApiError({
    provider,
    status: 502,
    type: 'api_error',
    code: 'bad_upstream_response',
    message: 'Azure answered the Responses call with a body that is not a Response object.',
  });
}
