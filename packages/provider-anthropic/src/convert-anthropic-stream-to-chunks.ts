import type {
  ChatCompletionChunk,
  ChatCompletionChunkDelta,
  CompletionUsage,
} from '@multi-ai-proxy/core';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { createCompletionId, type SseEvent } from '@multi-ai-proxy/core/provider-utils';
import type { AnthropicUsage } from './anthropic-api-types.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicStreamError } from './map-anthropic-error.js';

/** One Messages stream event as read: every field optional, checked where it is used. */
interface AnthropicStreamEvent {
  type?: string;
  index?: number;
  message?: { id?: unknown; model?: unknown; usage?: AnthropicUsage };
  content_block?: { type?: string; id?: string; name?: string; text?: unknown; thinking?: unknown };
  delta?: {
    type?: string;
    text?: string;
    thinking?: string;
    partial_json?: string;
    stop_reason?: string | null;
  };
  usage?: AnthropicUsage;
  error?: { type?: unknown; message?: unknown };
}

export interface StreamConversionOptions {
  provider: string;
  model: string;
  includeUsage: boolean;
  /** Called with the final usage (for telemetry when the client did not ask for it). */
  onUsage?: (usage: CompletionUsage) => void;
}

/**
 * A Messages event stream → OpenAI chunks: `message_start` gives the id and the role chunk, text and
 * thinking deltas become `content` / `reasoning_content`, each `tool_use` block a tool call (id and name
 * first, then its `input_json_delta`s as arguments), `message_delta` the finish reason; with
 * `include_usage`, a last chunk with the usage (input from `message_start`, output cumulative).
 */
export async function* convertAnthropicStreamToChunks(
  events: AsyncIterable<SseEvent>,
  options: StreamConversionOptions,
): AsyncGenerator<ChatCompletionChunk> {
  let id = createCompletionId('chatcmpl-');
  let model = options.model;
  const created = Math.floor(Date.now() / 1000);
  const usage: AnthropicUsage = {};
  // Content-block index → tool call index (OpenAI numbers tool calls from 0).
  const toolIndexes = new Map<number, number>();
  let finished = false;
  const chunk = (
    delta: ChatCompletionChunkDelta,
    finishReason: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
  ): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  });

  for await (const event of events) {
    let data: AnthropicStreamEvent;
    try {
      data = JSON.parse(event.data) as AnthropicStreamEvent;
    } catch {
      throw new UpstreamApiError({
        provider: options.provider,
        status: 502,
        message: 'The upstream sent a stream event that is not JSON.',
      });
    }
    switch (data.type) {
      case 'message_start': {
        const message = data.message ?? {};
        if (typeof message.id === 'string') id = createCompletionId('chatcmpl-', message.id);
        if (typeof message.model === 'string' && message.model.length > 0) model = message.model;
        Object.assign(usage, message.usage ?? {});
        yield chunk({ role: 'assistant', content: '' });
        break;
      }
      case 'content_block_start': {
        const block = data.content_block ?? {};
        if (block.type === 'tool_use') {
          const toolIndex = toolIndexes.size;
          toolIndexes.set(data.index ?? -1, toolIndex);
          yield chunk({
            tool_calls: [
              {
                index: toolIndex,
                id: block.id ?? '',
                type: 'function',
                function: { name: block.name ?? '', arguments: '' },
              },
            ],
          });
        } else if (
          block.type === 'text' &&
          typeof block.text === 'string' &&
          block.text.length > 0
        ) {
          yield chunk({ content: block.text });
        } else if (
          block.type === 'thinking' &&
          typeof block.thinking === 'string' &&
          block.thinking.length > 0
        ) {
          yield chunk({ reasoning_content: block.thinking });
        }
        break;
      }
      case 'content_block_delta': {
        const delta = data.delta ?? {};
        if (delta.type === 'text_delta' && delta.text) yield chunk({ content: delta.text });
        else if (delta.type === 'thinking_delta' && delta.thinking)
          yield chunk({ reasoning_content: delta.thinking });
        else if (delta.type === 'input_json_delta' && delta.partial_json) {
          const toolIndex = toolIndexes.get(data.index ?? -1);
          if (toolIndex !== undefined)
            yield chunk({
              tool_calls: [{ index: toolIndex, function: { arguments: delta.partial_json } }],
            });
        }
        // signature_delta and citations_delta have no chat slot.
        break;
      }
      case 'message_delta': {
        Object.assign(usage, data.usage ?? {});
        yield chunk({}, mapAnthropicStopReason(data.delta?.stop_reason));
        finished = true;
        break;
      }
      case 'error':
        throw mapAnthropicStreamError(options.provider, data);
      case 'message_stop': {
        const total = convertAnthropicUsage(usage);
        options.onUsage?.(total);
        if (options.includeUsage) yield { ...chunk({}), choices: [], usage: total };
        return;
      }
      default:
        // ping, content_block_stop and event types added later
        break;
    }
  }
  if (!finished)
    throw new UpstreamApiError({
      provider: options.provider,
      status: 502,
      message: 'The upstream stream ended before the message was complete.',
    });
}
