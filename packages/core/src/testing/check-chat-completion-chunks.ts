import { FINISH_REASONS } from './check-chat-completion.js';
import { checkArgumentsText } from './check-tool-calls.js';
import { checkUsage } from './check-usage.js';
import {
  describeValue,
  isCount,
  isNonEmptyString,
  isRecord,
  isUnixSeconds,
} from './value-guards.js';

export interface CheckChatCompletionChunksOptions {
  /** The request set `stream_options.include_usage`: the last chunk must then be the usage-only chunk. */
  includeUsage?: boolean;
  /** Number of choices the request asked for (`n`). */
  expectedChoices?: number;
}

interface ChoiceState {
  finished: boolean;
  toolCalls: Map<number, { id: string | undefined; arguments: string }>;
}

/**
 * Problems with the sequence of `chat.completion.chunk` objects of one stream (without `[DONE]`), in
 * the order OpenAI's clients rely on: one id for all chunks; per choice a first delta with
 * `role: "assistant"`, the finish reason only on its last chunk; tool-call deltas that carry id and
 * name first and add up to JSON arguments; no `choices: []` chunk (clients read `choices[0]`) except
 * the usage-only chunk, which comes last and only when `include_usage` asked for it.
 */
export function checkChatCompletionChunks(
  chunks: readonly unknown[],
  options: CheckChatCompletionChunksOptions = {},
): string[] {
  if (chunks.length === 0) return ['the stream has no chunks'];
  const problems: string[] = [];
  const states = new Map<number, ChoiceState>();
  let streamId: unknown;
  chunks.forEach((chunk, position) => {
    const where = `chunk ${position}`;
    if (!isRecord(chunk)) {
      problems.push(`${where} must be a JSON object, got ${describeValue(chunk)}`);
      return;
    }
    if (position === 0) streamId = chunk.id;
    if (!isNonEmptyString(chunk.id))
      problems.push(`${where}: id must be a non-empty string, got ${describeValue(chunk.id)}`);
    else if (chunk.id !== streamId)
      problems.push(
        `${where}: id ${describeValue(chunk.id)} differs from the first chunk's ${describeValue(streamId)}`,
      );
    if (chunk.object !== 'chat.completion.chunk')
      problems.push(
        `${where}: object must be "chat.completion.chunk", got ${describeValue(chunk.object)}`,
      );
    if (!isUnixSeconds(chunk.created))
      problems.push(
        `${where}: created must be Unix seconds (integer), got ${describeValue(chunk.created)}`,
      );
    if (!isNonEmptyString(chunk.model))
      problems.push(
        `${where}: model must be a non-empty string, got ${describeValue(chunk.model)}`,
      );
    if (!Array.isArray(chunk.choices)) {
      problems.push(`${where}: choices must be an array, got ${describeValue(chunk.choices)}`);
      return;
    }
    const isLast = position === chunks.length - 1;
    const hasUsage = chunk.usage !== undefined && chunk.usage !== null;
    if (chunk.choices.length === 0) {
      if (!(options.includeUsage && isLast)) {
        problems.push(
          `${where}: has "choices": [] ${options.includeUsage ? 'before the last chunk' : 'although include_usage was not requested'} (clients reading choices[0] crash)`,
        );
      }
      if (options.includeUsage && isLast && !hasUsage)
        problems.push(`${where}: the usage-only chunk has no usage`);
    } else if (hasUsage && options.includeUsage) {
      problems.push(
        `${where}: usage must be null on every chunk except the final usage-only chunk`,
      );
    }
    if (hasUsage) problems.push(...checkUsage(chunk.usage, `${where}: usage`));
    for (const choice of chunk.choices)
      problems.push(...checkChoiceDelta(choice, where, states, options.expectedChoices));
  });
  const last = chunks[chunks.length - 1];
  if (
    options.includeUsage &&
    !(isRecord(last) && Array.isArray(last.choices) && last.choices.length === 0)
  ) {
    problems.push(
      'include_usage was requested but the last chunk is not the usage-only chunk ("choices": [] with usage)',
    );
  }
  if (states.size === 0) problems.push('no chunk carries a choice');
  for (const [index, state] of states) {
    if (!state.finished) problems.push(`choice ${index} never received a finish_reason`);
    for (const [toolIndex, call] of state.toolCalls) {
      problems.push(
        ...checkArgumentsText(
          call.arguments,
          `choice ${index} tool call ${toolIndex} arguments (all deltas joined)`,
        ),
      );
    }
  }
  if (options.expectedChoices !== undefined && states.size !== options.expectedChoices) {
    problems.push(
      `expected ${options.expectedChoices} choice(s) in the stream, got ${states.size}`,
    );
  }
  return problems;
}

function checkChoiceDelta(
  choice: unknown,
  chunkWhere: string,
  states: Map<number, ChoiceState>,
  expectedChoices: number | undefined,
): string[] {
  if (!isRecord(choice)) return [`${chunkWhere}: a choice must be an object`];
  if (!isCount(choice.index))
    return [
      `${chunkWhere}: choice index must be a non-negative integer, got ${describeValue(choice.index)}`,
    ];
  const index = choice.index;
  const where = `${chunkWhere} choice ${index}`;
  const problems: string[] = [];
  if (expectedChoices !== undefined && index >= expectedChoices)
    problems.push(`${where}: index out of range (n = ${expectedChoices})`);
  let state = states.get(index);
  const delta = choice.delta;
  if (!isRecord(delta))
    return [...problems, `${where}: delta must be an object, got ${describeValue(delta)}`];
  if (state === undefined) {
    state = { finished: false, toolCalls: new Map() };
    states.set(index, state);
    if (delta.role !== 'assistant')
      problems.push(
        `${where}: the first delta of a choice must carry role "assistant", got ${describeValue(delta.role)}`,
      );
  } else if (state.finished) {
    problems.push(
      `${where}: a chunk after this choice's finish_reason (the finish reason must be on its last chunk)`,
    );
  } else if (delta.role !== undefined && delta.role !== null && delta.role !== 'assistant') {
    problems.push(
      `${where}: delta.role must be "assistant" when present, got ${describeValue(delta.role)}`,
    );
  }
  for (const field of ['content', 'reasoning_content', 'refusal'] as const) {
    const value = delta[field];
    if (value !== undefined && value !== null && typeof value !== 'string')
      problems.push(`${where}: delta.${field} must be a string or null`);
  }
  if (delta.tool_calls !== undefined && delta.tool_calls !== null)
    problems.push(...checkToolCallDeltas(delta.tool_calls, where, state));
  const finishReason = choice.finish_reason;
  if (finishReason !== null && finishReason !== undefined) {
    if (typeof finishReason !== 'string' || !FINISH_REASONS.has(finishReason)) {
      problems.push(
        `${where}: finish_reason must be one of ${[...FINISH_REASONS].join('|')} or null, got ${describeValue(finishReason)}`,
      );
    }
    if (finishReason === 'tool_calls' && state.toolCalls.size === 0)
      problems.push(`${where}: finish_reason "tool_calls" without any tool call delta`);
    state.finished = true;
  }
  return problems;
}

function checkToolCallDeltas(toolCalls: unknown, where: string, state: ChoiceState): string[] {
  if (!Array.isArray(toolCalls)) return [`${where}: delta.tool_calls must be an array`];
  const problems: string[] = [];
  for (const call of toolCalls) {
    if (!isRecord(call) || !isCount(call.index)) {
      problems.push(
        `${where}: every tool call delta needs an integer index, got ${describeValue(call)}`,
      );
      continue;
    }
    const fn = isRecord(call.function) ? call.function : undefined;
    const known = state.toolCalls.get(call.index);
    if (known === undefined) {
      if (!isNonEmptyString(call.id))
        problems.push(`${where}: the first delta of tool call ${call.index} must carry its id`);
      if (call.type !== 'function')
        problems.push(
          `${where}: the first delta of tool call ${call.index} must carry type "function"`,
        );
      if (!isNonEmptyString(fn?.name))
        problems.push(
          `${where}: the first delta of tool call ${call.index} must carry function.name`,
        );
      state.toolCalls.set(call.index, {
        id: isNonEmptyString(call.id) ? call.id : undefined,
        arguments: '',
      });
    } else if (call.id !== undefined && call.id !== null && call.id !== known.id) {
      problems.push(`${where}: tool call ${call.index} changed its id`);
    }
    const entry = state.toolCalls.get(call.index)!;
    if (fn?.arguments !== undefined && fn.arguments !== null) {
      if (typeof fn.arguments !== 'string')
        problems.push(`${where}: tool call ${call.index} arguments delta must be a string`);
      else entry.arguments += fn.arguments;
    }
  }
  return problems;
}
