import type {
  ChatCompletionChunk,
  ChatCompletionChunkDelta,
  CompletionUsage,
  ResponseObject,
  ResponseStreamEvent,
} from '@multi-ai-proxy/core';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { createCompletionId } from '@multi-ai-proxy/core/provider-utils';
import { convertAzureResponsesUsage } from './convert-azure-responses-usage.js';
import { createAzureResponsesError } from './create-azure-responses-error.js';
import { mapAzureResponsesFinishReason } from './map-azure-responses-finish-reason.js';

export interface ConvertAzureResponsesStreamOptions {
  /** The model name the client asked for. */
  model: string;
  /** Provider instance name, for errors raised mid-stream. */
  provider: string;
  /** `stream_options.include_usage`: add the usage-only chunk (choices: []) at the end. */
  includeUsage?: boolean;
  /** Called once with the final usage, whether or not the client asked for it (telemetry). */
  onUsage?: (usage: CompletionUsage) => void;
}

interface ToolCallState {
  index: number;
  /** Whether any argument text went out for this call (a `.done` without deltas sends it whole). */
  sentArguments: boolean;
}

/**
 * Responses stream events (parsed JSON of each SSE `data:`) → `chat.completion.chunk`s, one per event
 * that carries something: the role chunk on `response.created`, `output_text` deltas as `content`,
 * refusal deltas as `refusal`, reasoning summary deltas as `reasoning_content`, each `function_call`
 * item as a tool call (id and name on its first delta, then argument deltas), then one chunk with the
 * finish reason on `response.completed`/`response.incomplete` and the usage chunk when asked. An
 * `error` or `response.failed` event is thrown as UpstreamApiError (the host writes its error event);
 * a stream that ends before a terminal event is an error too, never a silent clean end.
 */
export async function* convertAzureResponsesStreamToChunks(
  events: AsyncIterable<ResponseStreamEvent>,
  options: ConvertAzureResponsesStreamOptions,
): AsyncGenerator<ChatCompletionChunk> {
  let id: string | undefined;
  let created = Math.floor(Date.now() / 1000);
  let started = false;
  const toolCalls = new Map<string, ToolCallState>();

  const chunk = (
    delta: ChatCompletionChunkDelta,
    finishReason: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
  ): ChatCompletionChunk => {
    id ??= createCompletionId('chatcmpl-');
    const out: ChatCompletionChunk = {
      id,
      object: 'chat.completion.chunk',
      created,
      model: options.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (options.includeUsage) out.usage = null;
    return out;
  };
  const roleChunk = (): ChatCompletionChunk[] => {
    if (started) return [];
    started = true;
    return [chunk({ role: 'assistant', content: '', refusal: null })];
  };
  const toolCallOf = (
    itemId: unknown,
    item?: { call_id?: unknown; name?: unknown },
  ): { state: ToolCallState; opening: ChatCompletionChunk | undefined } => {
    const key = typeof itemId === 'string' ? itemId : '';
    const known = toolCalls.get(key);
    if (known) return { state: known, opening: undefined };
    const state: ToolCallState = { index: toolCalls.size, sentArguments: false };
    toolCalls.set(key, state);
    const callId = typeof item?.call_id === 'string' ? item.call_id : key;
    const name = typeof item?.name === 'string' ? item.name : '';
    return {
      state,
      opening: chunk({
        tool_calls: [
          { index: state.index, id: callId, type: 'function', function: { name, arguments: '' } },
        ],
      }),
    };
  };
  const argumentsChunk = (state: ToolCallState, text: string): ChatCompletionChunk => {
    state.sentArguments = true;
    return chunk({ tool_calls: [{ index: state.index, function: { arguments: text } }] });
  };

  for await (const event of events) {
    switch (event.type) {
      case 'response.created': {
        const response = event.response as Partial<ResponseObject> | undefined;
        id ??= createCompletionId('chatcmpl-', response?.id);
        if (typeof response?.created_at === 'number') created = response.created_at;
        yield* roleChunk();
        break;
      }
      case 'response.output_text.delta':
        yield* roleChunk();
        if (typeof event.delta === 'string' && event.delta !== '')
          yield chunk({ content: event.delta });
        break;
      case 'response.refusal.delta':
        yield* roleChunk();
        if (typeof event.delta === 'string' && event.delta !== '')
          yield chunk({ refusal: event.delta });
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        yield* roleChunk();
        if (typeof event.delta === 'string' && event.delta !== '')
          yield chunk({ reasoning_content: event.delta });
        break;
      case 'response.output_item.added':
      case 'response.output_item.done': {
        const item = event.item as
          | { id?: unknown; type?: unknown; call_id?: unknown; name?: unknown; arguments?: unknown }
          | undefined;
        if (item?.type !== 'function_call') break;
        yield* roleChunk();
        const { state, opening } = toolCallOf(item.id, item);
        if (opening) yield opening;
        // An item seen only when done (no argument events) still carries its arguments.
        if (
          event.type === 'response.output_item.done' &&
          !state.sentArguments &&
          typeof item.arguments === 'string' &&
          item.arguments !== ''
        )
          yield argumentsChunk(state, item.arguments);
        break;
      }
      case 'response.function_call_arguments.delta': {
        const { state, opening } = toolCallOf(event.item_id);
        if (opening) yield* [...roleChunk(), opening];
        if (typeof event.delta === 'string' && event.delta !== '')
          yield argumentsChunk(state, event.delta);
        break;
      }
      case 'response.function_call_arguments.done': {
        const { state, opening } = toolCallOf(event.item_id);
        if (opening) yield* [...roleChunk(), opening];
        // Some upstreams send the arguments only here (no deltas).
        if (!state.sentArguments && typeof event.arguments === 'string' && event.arguments !== '')
          yield argumentsChunk(state, event.arguments);
        break;
      }
      case 'response.completed':
      case 'response.incomplete': {
        const response = (event.response ?? {}) as Partial<ResponseObject>;
        yield* roleChunk();
        const finish = mapAzureResponsesFinishReason(
          {
            status: response.status ?? 'completed',
            incomplete_details: response.incomplete_details ?? null,
          },
          toolCalls.size > 0,
        );
        yield chunk({}, finish);
        const usage = convertAzureResponsesUsage(response.usage);
        options.onUsage?.(usage);
        if (options.includeUsage)
          yield {
            id: id as string,
            object: 'chat.completion.chunk',
            created,
            model: options.model,
            choices: [],
            usage,
          };
        return;
      }
      case 'response.failed':
        throw createAzureResponsesError(
          options.provider,
          (event.response as Partial<ResponseObject> | undefined)?.error,
        );
      case 'error':
        // The spec puts code/message/param on the event itself; some servers nest them under `error`.
        throw createAzureResponsesError(
          options.provider,
          (event.error ?? event) as { code?: unknown; message?: unknown; param?: unknown },
        );
      default:
        // Lifecycle and `.done` events repeat what the deltas already said.
        break;
    }
  }
  throw new UpstreamApiError({
    provider: options.provider,
    status: 502,
    type: 'api_error',
    code: 'bad_upstream_response',
    message: 'The Azure Responses stream ended before response.completed.',
  });
}
