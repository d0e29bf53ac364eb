import type { ChatCompletion, ChatCompletionMessageToolCall } from '@multi-ai-proxy/core';
import { createCompletionId } from '@multi-ai-proxy/core/provider-utils';
import type { AnthropicMessage } from './anthropic-api-types.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

/** A Claude `message` → an OpenAI chat completion: text joined, thinking as `reasoning_content`, `tool_use` as tool calls. */
export function convertAnthropicMessageToChat(
  message: AnthropicMessage,
  model: string,
): ChatCompletion {
  let text = '';
  let reasoning = '';
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  for (const block of Array.isArray(message.content) ? message.content : []) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'thinking') reasoning += block.thinking;
    else if (block.type === 'tool_use')
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
  }
  return {
    id: createCompletionId('chatcmpl-', message.id),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof message.model === 'string' && message.model.length > 0 ? message.model : model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text.length > 0 || toolCalls.length === 0 ? text : null,
          ...(reasoning.length > 0 ? { reasoning_content: reasoning } : {}),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: mapAnthropicStopReason(message.stop_reason),
        logprobs: null,
      },
    ],
    usage: convertAnthropicUsage(message.usage),
  };
}
