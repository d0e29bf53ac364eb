import {
  type ChatCompletionFinishReason,
  type ChatCompletionRequest,
  InvalidRequestError,
} from '@multi-ai-proxy/core';

/** What the echo model "says" to a request, before it is put into OpenAI's response shape. */
export interface EchoReply {
  content: string | null;
  toolCall: { id: string; name: string; arguments: string } | undefined;
  finishReason: ChatCompletionFinishReason;
  promptTokens: number;
  completionTokens: number;
}

/**
 * The deterministic answer: with tools offered (and tool_choice not "none") the model calls a tool
 * with `{"text": <last user text>}`; after a tool result it echoes that result; otherwise it echoes
 * the last user message (as `{"echo": …}` JSON when a JSON response format is asked for).
 * `max_completion_tokens` cuts the answer to that many words (finish reason "length").
 */
export function createEchoReply(request: ChatCompletionRequest, prefix: string): EchoReply {
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw new InvalidRequestError('messages must be a non-empty array.', { param: 'messages' });
  }
  const last = request.messages[request.messages.length - 1]!;
  const lastUser = [...request.messages].reverse().find((message) => message.role === 'user');
  const userText = lastUser === undefined ? '' : textOf(lastUser.content);
  const promptTokens = request.messages.reduce(
    (sum, message) => sum + countWords(textOf(message.content)),
    0,
  );
  const tool = pickTool(request);

  if (last.role !== 'tool' && tool !== undefined) {
    const argumentsText = JSON.stringify({ text: userText });
    return {
      content: null,
      toolCall: {
        id: `call_echo_${request.messages.length}`,
        name: tool,
        arguments: argumentsText,
      },
      finishReason: 'tool_calls',
      promptTokens,
      completionTokens: countWords(argumentsText),
    };
  }
  const echoed =
    last.role === 'tool' ? `${prefix}tool said ${textOf(last.content)}` : `${prefix}${userText}`;
  const format = request.response_format?.type;
  const limit = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  let words = echoed.split(/(?<=\s)/);
  let finishReason: ChatCompletionFinishReason = 'stop';
  if (
    format !== 'json_object' &&
    format !== 'json_schema' &&
    typeof limit === 'number' &&
    words.length > limit
  ) {
    words = words.slice(0, limit);
    finishReason = 'length';
  }
  const content =
    format === 'json_object' || format === 'json_schema'
      ? JSON.stringify({ echo: echoed })
      : words.join('');
  return {
    content,
    toolCall: undefined,
    finishReason,
    promptTokens,
    completionTokens: countWords(content),
  };
}

function pickTool(request: ChatCompletionRequest): string | undefined {
  const choice = request.tool_choice;
  if (!request.tools?.length || choice === 'none') return undefined;
  if (typeof choice === 'object' && choice !== null) return choice.function.name;
  return request.tools[0]?.function.name;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) =>
      typeof part === 'object' && part !== null && (part as { type?: string }).type === 'text'
        ? String((part as { text: unknown }).text)
        : '',
    )
    .filter(Boolean)
    .join(' ');
}

/** The echo model's "tokens" are words: enough for usage numbers that add up. */
export function countWords(text: string | null): number {
  return text === null ? 0 : text.split(/\s+/).filter(Boolean).length;
}
