import type {
  ChatCompletionChunk,
  ChatCompletionFinishReason,
  CompletionUsage,
  ResponseCustomToolCall,
  ResponseFunctionCall,
  ResponseObject,
  ResponseOutputItem,
  ResponseReasoning,
  ResponseStreamEvent,
} from '../../openai/index.js';
import { toOpenAIErrorBody } from '../../errors/index.js';
import type { ResponsesTranslation } from './convert-responses-request-to-chat.js';
import { convertUsageToResponses } from './convert-usage-to-responses.js';
import { createResponseId } from './create-response-id.js';
import {
  createResponseObject,
  finishResponseStatus,
  type ResponseIdentity,
} from './create-response-object.js';
import { encodeReasoningContent } from './reasoning-content-codec.js';
import { customInput, toToolCallItem } from './to-tool-call-item.js';

export interface EncodeResponseEventsOptions {
  /** Aborted when the client left: the stream then just stops (nobody reads an error event). */
  signal?: AbortSignal;
  /** Called with an error that ended the stream, before the `error` event is written. */
  onError?: (error: unknown) => void;
}

type OpenItem =
  | { kind: 'reasoning'; index: number; item: ResponseReasoning; text: string }
  | { kind: 'message'; index: number; id: string; text: string }
  | {
      kind: 'tool';
      index: number;
      chunkIndex: number;
      item: ResponseFunctionCall | ResponseCustomToolCall;
      name: string;
      args: string;
    };

/**
 * Chat completion chunks → Responses stream events, in the order OpenAI sends them
 * (`response.created`, `response.in_progress`, per item `output_item.added` … `output_item.done`,
 * `response.completed`). One item is open at a time: reasoning, then text, then each tool call (Gemini
 * sends calls whole, so each gets one `function_call_arguments.delta` with all its JSON, then `.done`).
 * A failure after the start becomes an `error` event and `response.failed`, never a broken stream.
 */
export async function* encodeChatChunksAsResponseEvents(
  chunks: AsyncIterable<ChatCompletionChunk>,
  translation: ResponsesTranslation,
  identity: ResponseIdentity,
  options: EncodeResponseEventsOptions = {},
): AsyncGenerator<ResponseStreamEvent> {
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>): ResponseStreamEvent => ({
    type,
    sequence_number: sequence++,
    ...fields,
  });
  const response = createResponseObject(identity, translation);
  const output: ResponseOutputItem[] = [];
  let open: OpenItem | undefined;
  let finishReason: ChatCompletionFinishReason | null = null;
  let usage: CompletionUsage | null | undefined;

  const snapshot = (): ResponseObject => ({ ...response, output: [...output] });
  yield event('response.created', { response: snapshot() });
  yield event('response.in_progress', { response: snapshot() });

  function* close(): Generator<ResponseStreamEvent> {
    const current = open;
    if (current === undefined) return;
    open = undefined;
    const base = { output_index: current.index };
    if (current.kind === 'reasoning') {
      const part = { type: 'summary_text' as const, text: current.text };
      yield event('response.reasoning_summary_text.done', {
        item_id: current.item.id,
        ...base,
        summary_index: 0,
        text: current.text,
      });
      yield event('response.reasoning_summary_part.done', {
        item_id: current.item.id,
        ...base,
        summary_index: 0,
        part,
      });
      const item: ResponseReasoning = {
        ...current.item,
        status: 'completed',
        summary: [part],
        ...(translation.includeEncryptedReasoning
          ? { encrypted_content: encodeReasoningContent(current.text) }
          : {}),
      };
      output.push(item);
      yield event('response.output_item.done', { ...base, item });
    } else if (current.kind === 'message') {
      const part = {
        type: 'output_text' as const,
        text: current.text,
        annotations: [],
        logprobs: [],
      };
      yield event('response.output_text.done', {
        item_id: current.id,
        ...base,
        content_index: 0,
        text: current.text,
        logprobs: [],
      });
      yield event('response.content_part.done', {
        item_id: current.id,
        ...base,
        content_index: 0,
        part,
      });
      const item = {
        id: current.id,
        type: 'message' as const,
        status: 'completed' as const,
        role: 'assistant' as const,
        content: [part],
      };
      output.push(item);
      yield event('response.output_item.done', { ...base, item });
    } else {
      // Some clients read only the deltas, some only `.done`: both carry the whole arguments.
      const args = current.args.length > 0 ? current.args : '{}';
      if (current.args.length === 0) yield* toolDelta(current, args);
      let item: ResponseFunctionCall | ResponseCustomToolCall;
      if (current.item.type === 'custom_tool_call') {
        item = { ...current.item, status: 'completed', input: customInput(args) };
        yield event('response.custom_tool_call_input.done', {
          item_id: item.id,
          ...base,
          input: item.input,
        });
      } else {
        item = { ...current.item, status: 'completed', arguments: args };
        yield event('response.function_call_arguments.done', {
          item_id: item.id,
          ...base,
          name: item.name,
          arguments: args,
        });
      }
      output.push(item);
      yield event('response.output_item.done', { ...base, item });
    }
  }

  function* toolDelta(
    tool: Extract<OpenItem, { kind: 'tool' }>,
    delta: string,
  ): Generator<ResponseStreamEvent> {
    // A freeform call's input is only known once its JSON wrapper is complete: it goes out with `.done`.
    if (tool.item.type === 'custom_tool_call') return;
    yield event('response.function_call_arguments.delta', {
      item_id: tool.item.id,
      output_index: tool.index,
      delta,
    });
  }

  function* openItem(next: OpenItem, item: ResponseOutputItem): Generator<ResponseStreamEvent> {
    yield* close();
    open = next;
    yield event('response.output_item.added', { output_index: next.index, item });
  }

  try {
    for await (const chunk of chunks) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
      if (choice === undefined) continue;
      const delta = choice.delta ?? {};
      if (typeof delta.reasoning_content === 'string' && delta.reasoning_content.length > 0) {
        if (open?.kind !== 'reasoning') {
          const item: ResponseReasoning = {
            id: createResponseId('rs'),
            type: 'reasoning',
            status: 'in_progress',
            summary: [],
          };
          yield* openItem(
            { kind: 'reasoning', index: output.length + (open ? 1 : 0), item, text: '' },
            item,
          );
          yield event('response.reasoning_summary_part.added', {
            item_id: item.id,
            output_index: (open as OpenItem).index,
            summary_index: 0,
            part: { type: 'summary_text', text: '' },
          });
        }
        const reasoning = open as Extract<OpenItem, { kind: 'reasoning' }>;
        reasoning.text += delta.reasoning_content;
        yield event('response.reasoning_summary_text.delta', {
          item_id: reasoning.item.id,
          output_index: reasoning.index,
          summary_index: 0,
          delta: delta.reasoning_content,
        });
      }
      const text =
        typeof delta.content === 'string'
          ? delta.content
          : typeof delta.refusal === 'string'
            ? delta.refusal
            : '';
      if (text.length > 0) {
        if (open?.kind !== 'message') {
          const id = createResponseId('msg');
          yield* openItem(
            { kind: 'message', index: output.length + (open ? 1 : 0), id, text: '' },
            { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
          );
          yield event('response.content_part.added', {
            item_id: id,
            output_index: (open as OpenItem).index,
            content_index: 0,
            part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
          });
        }
        const message = open as Extract<OpenItem, { kind: 'message' }>;
        message.text += text;
        yield event('response.output_text.delta', {
          item_id: message.id,
          output_index: message.index,
          content_index: 0,
          delta: text,
          logprobs: [],
        });
      }
      for (const call of delta.tool_calls ?? []) {
        if (open?.kind !== 'tool' || open.chunkIndex !== call.index) {
          const name = call.function?.name ?? '';
          const item = toToolCallItem(
            { id: call.id ?? createResponseId('fc'), name, arguments: '' },
            translation.tools,
            'in_progress',
          );
          yield* openItem(
            {
              kind: 'tool',
              index: output.length + (open ? 1 : 0),
              chunkIndex: call.index,
              item,
              name,
              args: '',
            },
            item,
          );
        }
        const tool = open as Extract<OpenItem, { kind: 'tool' }>;
        const args = call.function?.arguments ?? '';
        if (args.length > 0) {
          tool.args += args;
          yield* toolDelta(tool, args);
        }
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    yield* close();
  } catch (thrown) {
    if (options.signal?.aborted) return;
    options.onError?.(thrown);
    const { error } = toOpenAIErrorBody(thrown);
    yield event('error', {
      code: error.code ?? error.type,
      message: error.message,
      param: error.param,
    });
    const failed: ResponseObject = {
      ...snapshot(),
      status: 'failed',
      error: { code: error.code ?? error.type, message: error.message },
      usage: usage ? convertUsageToResponses(usage) : null,
    };
    yield event('response.failed', { response: failed });
    return;
  }
  const final: ResponseObject = {
    ...snapshot(),
    ...finishResponseStatus(finishReason),
    completed_at: Math.floor(Date.now() / 1000),
    usage: convertUsageToResponses(usage),
  };
  yield event(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', {
    response: final,
  });
}
