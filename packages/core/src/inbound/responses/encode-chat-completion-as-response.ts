import type { ChatCompletion, ResponseObject, ResponseOutputItem } from '../../openai/index.js';
import type { ResponsesTranslation } from './convert-responses-request-to-chat.js';
import { convertUsageToResponses } from './convert-usage-to-responses.js';
import { createResponseId } from './create-response-id.js';
import {
  createResponseObject,
  finishResponseStatus,
  type ResponseIdentity,
} from './create-response-object.js';
import { encodeReasoningContent } from './reasoning-content-codec.js';
import { toToolCallItem } from './to-tool-call-item.js';

/** A chat completion (first choice) → a Response object: reasoning, message and tool call items, in that order. */
export function encodeChatCompletionAsResponse(
  completion: ChatCompletion,
  translation: ResponsesTranslation,
  identity: ResponseIdentity,
): ResponseObject {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const output: ResponseOutputItem[] = [];
  if (typeof message?.reasoning_content === 'string' && message.reasoning_content.length > 0) {
    output.push({
      id: createResponseId('rs'),
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: message.reasoning_content }],
      ...(translation.includeEncryptedReasoning
        ? { encrypted_content: encodeReasoningContent(message.reasoning_content) }
        : {}),
    });
  }
  const hasText = typeof message?.content === 'string' && message.content.length > 0;
  const hasRefusal = typeof message?.refusal === 'string' && message.refusal.length > 0;
  if (hasText || hasRefusal) {
    output.push({
      id: createResponseId('msg'),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [
        ...(hasText
          ? [
              {
                type: 'output_text' as const,
                text: message!.content as string,
                annotations: message?.annotations ?? [],
                logprobs: [],
              },
            ]
          : []),
        ...(hasRefusal ? [{ type: 'refusal' as const, refusal: message!.refusal as string }] : []),
      ],
    });
  }
  for (const call of message?.tool_calls ?? [])
    output.push(
      toToolCallItem(
        { id: call.id, name: call.function.name, arguments: call.function.arguments },
        translation.tools,
        'completed',
      ),
    );
  return {
    ...createResponseObject(identity, translation),
    ...finishResponseStatus(choice?.finish_reason),
    completed_at: Math.floor(Date.now() / 1000),
    output,
    usage: convertUsageToResponses(completion.usage),
  };
}
