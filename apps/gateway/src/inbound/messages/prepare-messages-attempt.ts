import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  OperationResultV1,
  ProviderV1,
} from '@multi-ai-proxy/core';
import { UnsupportedOperationError } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import type { AttemptCall } from '../../http/call-model-group.js';
import type { GatewayState } from '../../http/gateway-state.js';
import { reachFirstByte } from '../../router/reach-first-byte.js';
import type { ModelDispatch } from '../../services/provider-registry.js';
import { readChatAnswer } from '../run-chat-completion.js';
import type { EncodeMessageEventsOptions } from './encode-chat-chunks-as-message-events.js';
import { encodeChatOutcomeAsMessages } from './encode-chat-outcome-as-messages.js';
import type { MessagesMessage, MessagesRequest, MessagesStreamEvent } from './messages-types.js';
import { toClaudeUpstreamBytes } from './to-claude-upstream-bytes.js';

/** A provider that speaks Messages itself (provider-anthropic: Foundry, Vertex, Anthropic). */
export function speaksMessages(provider: ProviderV1): boolean {
  return provider.capabilities.passthrough.includes('messages');
}

export interface MessagesTurn {
  request: MessagesRequest;
  /** The id and model the client sees on a translated answer. */
  identity: { id: string; model: string };
  /** The chat request the Messages request is translated to, made on first need (then copied). */
  chat(): ChatCompletionRequest;
  events: EncodeMessageEventsOptions;
}

/**
 * One attempt of a /v1/messages request on a model group's deployment, as the single-provider route
 * would make it: a deployment that speaks Messages gets the client's bytes (its model written in, the
 * gateway's own thinking blocks removed) and its answer as it is; any other deployment gets the chat
 * translation, and its answer — once its first chunk is in (the commit point of the upstream's own
 * stream) — is encoded back as a Claude `message` or Messages events.
 */
export function prepareMessagesAttempt(
  ctx: Context & { state: GatewayState },
  dispatch: ModelDispatch,
  bytes: Uint8Array,
  turn: MessagesTurn,
): AttemptCall<MessagesMessage, MessagesStreamEvent> {
  const provider = dispatch.provider;
  if (speaksMessages(provider)) {
    const body: Record<string, unknown> = { ...turn.request };
    return {
      capability: 'passthrough',
      body,
      raw: toClaudeUpstreamBytes(body, bytes, dispatch.model),
      invoke: (target, _body, context) =>
        target.passthrough?.(
          {
            operation: 'messages',
            method: ctx.method,
            path: ctx.path,
            params: { rest: '' },
            contentType: ctx.get('content-type') || undefined,
            body: context.rawBody,
          },
          context,
        ),
    };
  }
  if (!provider.capabilities.chatCompletions)
    throw new UnsupportedOperationError('the messages API', provider.instanceName);
  const chat = { ...turn.chat(), model: dispatch.model };
  return {
    capability: 'chatCompletions',
    body: chat as unknown as Record<string, unknown>,
    raw: Buffer.from(JSON.stringify(chat)),
    invoke: (target, body, context) =>
      target.createChatCompletion?.(body as unknown as ChatCompletionRequest, context),
    // Up to the upstream's first chunk (the commit point): the chat answer, as a result the router watches.
    shape: async (result) => {
      const reached = await reachFirstByte(
        result as OperationResultV1<ChatCompletion, ChatCompletionChunk>,
        provider.instanceName,
      );
      const outcome = await readChatAnswer(ctx, reached);
      return outcome.kind === 'json'
        ? { kind: 'json', body: outcome.completion }
        : { kind: 'chunks', chunks: outcome.chunks };
    },
    // The router's watched answer, encoded: a failure after the commit point has reached the breaker first.
    finish: (result) =>
      encodeChatOutcomeAsMessages(
        result.kind === 'json'
          ? { kind: 'json', completion: result.body as ChatCompletion }
          : {
              kind: 'chunks',
              chunks: (result as { chunks: AsyncIterable<ChatCompletionChunk> }).chunks,
            },
        { stream: chat.stream === true, identity: turn.identity },
        turn.events,
      ),
  };
}
