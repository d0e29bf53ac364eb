import { checkToolCalls } from './check-tool-calls.js';
import { checkUsage } from './check-usage.js';
import { describeValue, isNonEmptyString, isRecord, isUnixSeconds } from './value-guards.js';

export const FINISH_REASONS: ReadonlySet<string> = new Set([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
]);

export interface CheckChatCompletionOptions {
  /** Require a `usage` object (OpenAI always sends one on non-streamed chat completions). Default true. */
  requireUsage?: boolean;
  /** Number of choices the request asked for (`n`). */
  expectedChoices?: number;
}

/**
 * Problems with a non-streamed `chat.completion` body, as the official clients read it: id, object,
 * created in seconds, model, one assistant message per choice with a finish reason, tool calls whose
 * arguments are JSON text, and usage whose total is the sum of its parts.
 */
export function checkChatCompletion(
  body: unknown,
  options: CheckChatCompletionOptions = {},
): string[] {
  if (!isRecord(body))
    return [`a chat completion must be a JSON object, got ${describeValue(body)}`];
  const problems: string[] = [];
  if (!isNonEmptyString(body.id))
    problems.push(`id must be a non-empty string, got ${describeValue(body.id)}`);
  if (body.object !== 'chat.completion')
    problems.push(`object must be "chat.completion", got ${describeValue(body.object)}`);
  if (!isUnixSeconds(body.created))
    problems.push(`created must be Unix seconds (integer), got ${describeValue(body.created)}`);
  if (!isNonEmptyString(body.model))
    problems.push(`model must be a non-empty string, got ${describeValue(body.model)}`);
  if (!Array.isArray(body.choices) || body.choices.length === 0) {
    problems.push(`choices must be a non-empty array, got ${describeValue(body.choices)}`);
  } else {
    if (options.expectedChoices !== undefined && body.choices.length !== options.expectedChoices) {
      problems.push(`expected ${options.expectedChoices} choice(s), got ${body.choices.length}`);
    }
    body.choices.forEach((choice, position) => {
      problems.push(...checkChoice(choice, position));
    });
  }
  if (body.usage === undefined || body.usage === null) {
    if (options.requireUsage ?? true)
      problems.push('usage is missing (OpenAI always returns it on non-streamed completions)');
  } else {
    problems.push(...checkUsage(body.usage));
  }
  return problems;
}

function checkChoice(choice: unknown, position: number): string[] {
  const where = `choices[${position}]`;
  if (!isRecord(choice)) return [`${where} must be an object`];
  const problems: string[] = [];
  if (choice.index !== position)
    problems.push(`${where}.index must be ${position}, got ${describeValue(choice.index)}`);
  if (typeof choice.finish_reason !== 'string' || !FINISH_REASONS.has(choice.finish_reason)) {
    problems.push(
      `${where}.finish_reason must be one of ${[...FINISH_REASONS].join('|')}, got ${describeValue(choice.finish_reason)}`,
    );
  }
  if (choice.logprobs !== undefined && choice.logprobs !== null && !isRecord(choice.logprobs)) {
    problems.push(`${where}.logprobs must be an object or null`);
  }
  const message = choice.message;
  if (!isRecord(message)) return [...problems, `${where}.message must be an object`];
  if (message.role !== 'assistant')
    problems.push(`${where}.message.role must be "assistant", got ${describeValue(message.role)}`);
  if (message.content !== null && typeof message.content !== 'string') {
    problems.push(
      `${where}.message.content must be a string or null, got ${describeValue(message.content)}`,
    );
  }
  if (
    message.reasoning_content !== undefined &&
    message.reasoning_content !== null &&
    typeof message.reasoning_content !== 'string'
  ) {
    problems.push(`${where}.message.reasoning_content must be a string when present`);
  }
  const toolCalls = message.tool_calls;
  const hasToolCalls = Array.isArray(toolCalls) && toolCalls.length > 0;
  if (toolCalls !== undefined && toolCalls !== null)
    problems.push(...checkToolCalls(toolCalls, `${where}.message.tool_calls`));
  if (choice.finish_reason === 'tool_calls' && !hasToolCalls) {
    problems.push(`${where}.finish_reason is "tool_calls" but the message has no tool_calls`);
  }
  if (
    message.content === null &&
    !hasToolCalls &&
    typeof message.refusal !== 'string' &&
    choice.finish_reason === 'stop'
  ) {
    problems.push(
      `${where}.message has neither content, tool_calls nor refusal although finish_reason is "stop"`,
    );
  }
  return problems;
}
