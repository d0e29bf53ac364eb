import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ModelCallContextV1,
  OperationResultV1,
} from '@multi-ai-proxy/core';
import { parseSseStream, toTelemetryUsage } from '@multi-ai-proxy/core/provider-utils';
import type { AnthropicMessage } from './anthropic-api-types.js';
import { convertAnthropicMessageToChat } from './convert-anthropic-message-to-chat.js';
import { convertAnthropicStreamToChunks } from './convert-anthropic-stream-to-chunks.js';
import { convertChatToAnthropicRequest } from './convert-chat-to-anthropic-request.js';
import {
  type AnthropicCallSettings,
  openAnthropicStream,
  sendAnthropicJson,
} from './send-anthropic-request.js';

/** Chat completions on Claude: translated to a Messages call and back (streams event by event). */
export async function createAnthropicChatCompletion(
  settings: AnthropicCallSettings & { defaultMaxTokens: number },
  request: ChatCompletionRequest,
  context: ModelCallContextV1,
): Promise<OperationResultV1<ChatCompletion, ChatCompletionChunk>> {
  const model = context.upstreamModel;
  const stream = request.stream === true;
  const messages = convertChatToAnthropicRequest(request, {
    model,
    defaultMaxTokens: settings.defaultMaxTokens,
  });
  if (stream) messages.stream = true;
  const body = JSON.stringify(settings.upstream.shapeBody(messages, model, 'messages'));
  const url = settings.upstream.messagesUrl(model, stream);
  if (!stream) {
    const message = (await sendAnthropicJson(settings, { url, body }, context)) as AnthropicMessage;
    return { kind: 'json', body: convertAnthropicMessageToChat(message, context.model) };
  }
  const upstream = await openAnthropicStream(settings, { url, body }, context);
  const telemetry = context.telemetry;
  const chunks = convertAnthropicStreamToChunks(parseSseStream(upstream.body), {
    provider: settings.provider,
    model: context.model,
    includeUsage: request.stream_options?.include_usage === true,
    // Reported even without include_usage: the host cannot see it then.
    onUsage: (usage) => {
      if (telemetry !== undefined) telemetry.usage = toTelemetryUsage(usage);
    },
  });
  return { kind: 'chunks', chunks };
}
