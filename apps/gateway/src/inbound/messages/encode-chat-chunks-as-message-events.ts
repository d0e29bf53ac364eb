import type { ChatCompletionChunk, CompletionUsage } from '@multi-ai-proxy/core';
import { convertUsageToMessages } from './convert-usage-to-messages.js';
import { GATEWAY_THINKING_SIGNATURE } from './gateway-thinking-signature.js';
import { mapFinishReasonToStopReason } from './map-finish-reason-to-stop-reason.js';
import type { MessagesStreamEvent } from './messages-types.js';
import { toAnthropicErrorBody } from './to-anthropic-error-body.js';

export interface EncodeMessageEventsOptions {
  /** Aborted when the client left: the stream then just stops. */
  signal?: AbortSignal;
  /** Called with an error that ended the stream, before the `error` event is written. */
  onError?: (error: unknown) => void;
}

type OpenBlock =
  | { kind: 'thinking' | 'text'; index: number }
  | { kind: 'tool'; index: number; toolIndex: number };

/**
 * Chat completion chunks → a Messages event stream in Claude's order: `message_start`, `ping`, per
 * content block `content_block_start` / `_delta`s / `_stop` (thinking blocks end with a `signature_delta`
 * of the gateway's marker), `message_delta` (stop reason and cumulative usage), `message_stop`. Each tool
 * call opens a `tool_use` block with an empty `input` and sends its arguments as `input_json_delta`s — a
 * call the upstream returned whole (Gemini) is one delta — so clients that assemble deltas see them.
 * A failure after the start becomes an `error` event, never a broken stream.
 */
export async function* encodeChatChunksAsMessageEvents(
  chunks: AsyncIterable<ChatCompletionChunk>,
  identity: { id: string; model: string },
  options: EncodeMessageEventsOptions = {},
): AsyncGenerator<MessagesStreamEvent> {
  yield {
    type: 'message_start',
    message: {
      id: identity.id,
      type: 'message',
      role: 'assistant',
      model: identity.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: convertUsageToMessages(undefined),
    },
  };
  yield { type: 'ping' };
  let nextIndex = 0;
  let open: OpenBlock | undefined;
  // Pivot tool-call index → its content block index (arguments may arrive after the block closed).
  const toolBlocks = new Map<number, number>();
  let finishReason: string | null | undefined;
  let usage: CompletionUsage | null | undefined;

  function* close(): Generator<MessagesStreamEvent> {
    if (open === undefined) return;
    if (open.kind === 'thinking')
      yield {
        type: 'content_block_delta',
        index: open.index,
        delta: { type: 'signature_delta', signature: GATEWAY_THINKING_SIGNATURE },
      };
    yield { type: 'content_block_stop', index: open.index };
    open = undefined;
  }
  function* openBlock(kind: 'thinking' | 'text'): Generator<MessagesStreamEvent> {
    if (open?.kind === kind) return;
    yield* close();
    open = { kind, index: nextIndex++ };
    yield {
      type: 'content_block_start',
      index: open.index,
      content_block:
        kind === 'text'
          ? { type: 'text', text: '' }
          : { type: 'thinking', thinking: '', signature: '' },
    };
  }

  try {
    for await (const chunk of chunks) {
      if (options.signal?.aborted) return;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (choice === undefined) continue;
      const delta = choice.delta ?? {};
      if (delta.reasoning_content) {
        yield* openBlock('thinking');
        yield {
          type: 'content_block_delta',
          index: (open as OpenBlock).index,
          delta: { type: 'thinking_delta', thinking: delta.reasoning_content },
        };
      }
      if (delta.content) {
        yield* openBlock('text');
        yield {
          type: 'content_block_delta',
          index: (open as OpenBlock).index,
          delta: { type: 'text_delta', text: delta.content },
        };
      }
      for (const call of delta.tool_calls ?? []) {
        let index = toolBlocks.get(call.index);
        if (index === undefined) {
          yield* close();
          index = nextIndex++;
          toolBlocks.set(call.index, index);
          open = { kind: 'tool', index, toolIndex: call.index };
          yield {
            type: 'content_block_start',
            index,
            content_block: {
              type: 'tool_use',
              id: call.id ?? '',
              name: call.function?.name ?? '',
              input: {},
            },
          };
        }
        if (call.function?.arguments)
          yield {
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: call.function.arguments },
          };
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    yield* close();
    yield {
      type: 'message_delta',
      delta: { stop_reason: mapFinishReasonToStopReason(finishReason), stop_sequence: null },
      usage: convertUsageToMessages(usage),
    };
    yield { type: 'message_stop' };
  } catch (error) {
    if (options.signal?.aborted) return;
    options.onError?.(error);
    yield toAnthropicErrorBody(error).body;
  }
}
