import type { ChatCompletion } from '@multi-ai-proxy/core';
import { convertUsageToMessages } from './convert-usage-to-messages.js';
import { GATEWAY_THINKING_SIGNATURE } from './gateway-thinking-signature.js';
import { mapFinishReasonToStopReason } from './map-finish-reason-to-stop-reason.js';
import type { MessagesMessage, MessagesOutputBlock } from './messages-types.js';
import { parseToolInput } from './parse-tool-input.js';

/** A chat completion → a Claude `message`: thinking, then text, then one `tool_use` per call (ids unchanged). */
export function encodeChatCompletionAsMessage(
  completion: ChatCompletion,
  identity: { id: string; model: string },
): MessagesMessage {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const content: MessagesOutputBlock[] = [];
  if (message?.reasoning_content)
    content.push({
      type: 'thinking',
      thinking: message.reasoning_content,
      signature: GATEWAY_THINKING_SIGNATURE,
    });
  const text = typeof message?.content === 'string' ? message.content : '';
  if (text.length > 0) content.push({ type: 'text', text });
  for (const call of message?.tool_calls ?? [])
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseToolInput(call.function.arguments),
    });
  if (content.length === 0) content.push({ type: 'text', text: '' });
  return {
    id: identity.id,
    type: 'message',
    role: 'assistant',
    model: identity.model,
    content,
    stop_reason: mapFinishReasonToStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: convertUsageToMessages(completion.usage),
  };
}
