import type { ChatCompletionChunk } from '../openai/chat-completion-chunk.js';
import type { ChatCompletionFinishReason, CompletionUsage } from '../openai/chat-completion.js';

export interface MergedChatChoice {
  content: string;
  reasoningContent: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: ChatCompletionFinishReason | null;
}

export interface MergedChatStream {
  id: string | undefined;
  model: string | undefined;
  choices: MergedChatChoice[];
  usage: CompletionUsage | undefined;
}

/** Joins a stream's deltas into what a client ends up with (content, reasoning, tool calls, usage), for assertions. */
export function mergeChatCompletionChunks(
  chunks: readonly ChatCompletionChunk[],
): MergedChatStream {
  const merged: MergedChatStream = {
    id: chunks[0]?.id,
    model: chunks[0]?.model,
    choices: [],
    usage: undefined,
  };
  for (const chunk of chunks) {
    if (chunk.usage) merged.usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      const target = merged.choices[choice.index] ?? {
        content: '',
        reasoningContent: '',
        toolCalls: [],
        finishReason: null,
      };
      merged.choices[choice.index] = target;
      target.content += choice.delta?.content ?? '';
      target.reasoningContent += choice.delta?.reasoning_content ?? '';
      for (const call of choice.delta?.tool_calls ?? []) {
        const toolCall = target.toolCalls[call.index] ?? { id: '', name: '', arguments: '' };
        target.toolCalls[call.index] = toolCall;
        if (call.id) toolCall.id = call.id;
        if (call.function?.name) toolCall.name = call.function.name;
        toolCall.arguments += call.function?.arguments ?? '';
      }
      if (choice.finish_reason) target.finishReason = choice.finish_reason;
    }
  }
  return merged;
}
