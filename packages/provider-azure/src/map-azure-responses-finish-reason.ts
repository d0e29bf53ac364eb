import type { ChatCompletionFinishReason, ResponseObject } from '@multi-ai-proxy/core';

/** `incomplete_details.reason` names why an `incomplete` answer stopped; tool calls win over `stop`. */
export function mapAzureResponsesFinishReason(
  response: Pick<ResponseObject, 'status' | 'incomplete_details'>,
  hasToolCalls: boolean,
): ChatCompletionFinishReason {
  if (response.status === 'incomplete')
    return response.incomplete_details?.reason === 'content_filter' ? 'content_filter' : 'length';
  return hasToolCalls ? 'tool_calls' : 'stop';
}
