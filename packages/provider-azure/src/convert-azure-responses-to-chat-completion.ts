import type {
  ChatCompletion,
  ChatCompletionMessage,
  ChatCompletionMessageToolCall,
  ResponseObject,
} from '@multi-ai-proxy/core';
import { createCompletionId } from '@multi-ai-proxy/core/provider-utils';
import { convertAzureResponsesUsage } from './convert-azure-responses-usage.js';
import { createAzureResponsesError } from './create-azure-responses-error.js';
import { mapAzureResponsesFinishReason } from './map-azure-responses-finish-reason.js';

/**
 * A buffered Responses answer → one chat completion: the `message` items' `output_text` parts joined
 * as `content` (refusal parts as `refusal`), `function_call` items as `tool_calls` (their `call_id` is
 * the tool call id the client sends back), reasoning summaries as `reasoning_content`, usage with its
 * cached and reasoning token details. `model` is the name the client asked for. A `failed` response
 * is thrown as an error.
 */
export function convertAzureResponsesToChatCompletion(
  response: ResponseObject,
  model: string,
  provider: string,
): ChatCompletion {
  if (response.status === 'failed') throw createAzureResponsesError(provider, response.error);
  const text: string[] = [];
  const refusals: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  for (const item of Array.isArray(response.output) ? response.output : []) {
    if (item.type === 'message') {
      for (const part of item.content ?? []) {
        if (part.type === 'output_text') text.push(part.text);
        else if (part.type === 'refusal') refusals.push(part.refusal);
      }
    } else if (item.type === 'function_call') {
      toolCalls.push({
        id: item.call_id,
        type: 'function',
        function: { name: item.name, arguments: item.arguments },
      });
    } else if (item.type === 'reasoning') {
      for (const part of item.summary ?? []) reasoning.push(part.text);
    }
  }
  const message: ChatCompletionMessage = {
    role: 'assistant',
    content: text.length > 0 ? text.join('') : null,
    refusal: refusals.length > 0 ? refusals.join('') : null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('\n\n');
  const completion: ChatCompletion = {
    id: createCompletionId('chatcmpl-', response.id),
    object: 'chat.completion',
    created:
      typeof response.created_at === 'number' ? response.created_at : Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: mapAzureResponsesFinishReason(response, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    usage: convertAzureResponsesUsage(response.usage),
    system_fingerprint: null,
  };
  if (typeof response.service_tier === 'string') completion.service_tier = response.service_tier;
  return completion;
}
