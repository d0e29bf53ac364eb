import type { ChatCompletionChunk } from '@multi-ai-proxy/core';
import type { EchoReply } from './create-echo-reply.js';

export interface StreamEchoOptions {
  model: string;
  id: string;
  created: number;
  includeUsage: boolean;
  chunkDelayMs: number;
  signal: AbortSignal;
}

/**
 * The reply as OpenAI chunks, in the order clients expect: role first, one chunk per word (tool
 * arguments in two halves, id and name only in the first), the finish reason alone on the last choice
 * chunk, then the usage-only chunk when `stream_options.include_usage` asked for it. Stops as soon as
 * the client disconnects.
 */
export async function* streamEchoReply(
  reply: EchoReply,
  options: StreamEchoOptions,
): AsyncGenerator<ChatCompletionChunk> {
  const chunk = (
    delta: ChatCompletionChunk['choices'][number]['delta'],
    finishReason: EchoReply['finishReason'] | null = null,
  ): ChatCompletionChunk => ({
    id: options.id,
    object: 'chat.completion.chunk',
    created: options.created,
    model: options.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(options.includeUsage && { usage: null }),
  });
  yield chunk({ role: 'assistant', content: reply.toolCall ? null : '' });
  if (reply.toolCall) {
    const { id, name, arguments: text } = reply.toolCall;
    const half = Math.ceil(text.length / 2);
    yield chunk({
      tool_calls: [
        { index: 0, id, type: 'function', function: { name, arguments: text.slice(0, half) } },
      ],
    });
    await pause(options);
    yield chunk({ tool_calls: [{ index: 0, function: { arguments: text.slice(half) } }] });
  }
  for (const word of (reply.content ?? '').split(/(?<=\s)/).filter(Boolean)) {
    if (options.signal.aborted) return;
    await pause(options);
    yield chunk({ content: word });
  }
  yield chunk({}, reply.finishReason);
  if (options.includeUsage) {
    yield {
      id: options.id,
      object: 'chat.completion.chunk',
      created: options.created,
      model: options.model,
      choices: [],
      usage: {
        prompt_tokens: reply.promptTokens,
        completion_tokens: reply.completionTokens,
        total_tokens: reply.promptTokens + reply.completionTokens,
      },
    };
  }
}

function pause(options: StreamEchoOptions): Promise<void> {
  if (options.chunkDelayMs === 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
}
