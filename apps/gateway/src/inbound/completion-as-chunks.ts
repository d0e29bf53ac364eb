import type { ChatCompletion, ChatCompletionChunk } from '@multi-ai-proxy/core';

/**
 * A provider that answered a streamed call in one piece: its completion as one chunk (reasoning, text,
 * refusal, every tool call whole, the finish reason and the usage), for the inbound APIs' stream encoders.
 */
export async function* completionAsChunks(
  completion: ChatCompletion,
): AsyncGenerator<ChatCompletionChunk> {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  yield {
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
    choices: [
      {
        index: 0,
        delta: {
          ...(message?.reasoning_content ? { reasoning_content: message.reasoning_content } : {}),
          content: message?.content ?? null,
          ...(message?.refusal ? { refusal: message.refusal } : {}),
          ...(message?.tool_calls
            ? {
                tool_calls: message.tool_calls.map((call, index) => ({
                  index,
                  id: call.id,
                  type: 'function' as const,
                  function: call.function,
                })),
              }
            : {}),
        },
        finish_reason: choice?.finish_reason ?? 'stop',
      },
    ],
    usage: completion.usage ?? null,
  };
}
