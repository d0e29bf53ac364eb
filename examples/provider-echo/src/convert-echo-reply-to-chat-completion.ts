import type { ChatCompletion } from '@multi-ai-proxy/core';
import type { EchoReply } from './create-echo-reply.js';

/** The non-streamed OpenAI answer for an echo reply. */
export function convertEchoReplyToChatCompletion(
  reply: EchoReply,
  model: string,
  id: string,
  created: number,
): ChatCompletion {
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content,
          refusal: null,
          ...(reply.toolCall && {
            tool_calls: [
              {
                id: reply.toolCall.id,
                type: 'function',
                function: { name: reply.toolCall.name, arguments: reply.toolCall.arguments },
              },
            ],
          }),
        },
        logprobs: null,
        finish_reason: reply.finishReason,
      },
    ],
    usage: {
      prompt_tokens: reply.promptTokens,
      completion_tokens: reply.completionTokens,
      total_tokens: reply.promptTokens + reply.completionTokens,
    },
  };
}
