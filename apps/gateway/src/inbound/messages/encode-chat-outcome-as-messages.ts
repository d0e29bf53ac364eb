import type { OperationResultV1 } from '@multi-ai-proxy/core';
import { completionAsChunks } from '../completion-as-chunks.js';
import type { ChatOutcome } from '../run-chat-completion.js';
import {
  type EncodeMessageEventsOptions,
  encodeChatChunksAsMessageEvents,
} from './encode-chat-chunks-as-message-events.js';
import { encodeChatCompletionAsMessage } from './encode-chat-completion-as-message.js';
import type { MessagesMessage, MessagesStreamEvent } from './messages-types.js';

/** What /v1/messages writes: a Claude `message`, Messages events, or a Claude upstream's own bytes. */
export type MessagesResult = OperationResultV1<MessagesMessage, MessagesStreamEvent>;

/**
 * A translated chat answer in the Messages shape: a `message` for a call that did not stream, else the
 * Messages events (a provider that answered a streamed call in one piece becomes one chunk first).
 */
export function encodeChatOutcomeAsMessages(
  outcome: ChatOutcome,
  request: { stream: boolean; identity: { id: string; model: string } },
  options: EncodeMessageEventsOptions,
): MessagesResult {
  if (outcome.kind === 'json' && !request.stream)
    return {
      kind: 'json',
      body: encodeChatCompletionAsMessage(outcome.completion, request.identity),
    };
  const chunks =
    outcome.kind === 'chunks' ? outcome.chunks : completionAsChunks(outcome.completion);
  return {
    kind: 'chunks',
    chunks: encodeChatChunksAsMessageEvents(chunks, request.identity, options),
  };
}
