import {
  describeValue,
  isCount,
  isNonEmptyString,
  isRecord,
  isUnixSeconds,
} from './value-guards.js';

const STATUSES = new Set([
  'completed',
  'failed',
  'in_progress',
  'incomplete',
  'cancelled',
  'queued',
]);

/**
 * Problems with an OpenAI Responses `Response` object as a client (the `openai` SDKs, Codex) reads
 * it: `object`, id, status, every output item with its id and required fields (a function call's
 * arguments JSON), and a usage with every field present — Codex fails on a missing `reasoning_tokens`.
 */
export function checkResponseObject(response: unknown, where = 'response'): string[] {
  if (!isRecord(response)) return [`${where} must be an object, got ${describeValue(response)}`];
  const problems: string[] = [];
  if (response.object !== 'response')
    problems.push(`${where}.object must be "response", got ${describeValue(response.object)}`);
  if (!isNonEmptyString(response.id) || !response.id.startsWith('resp_'))
    problems.push(`${where}.id must be a "resp_…" string, got ${describeValue(response.id)}`);
  if (!isUnixSeconds(response.created_at))
    problems.push(
      `${where}.created_at must be Unix seconds, got ${describeValue(response.created_at)}`,
    );
  if (typeof response.status !== 'string' || !STATUSES.has(response.status))
    problems.push(`${where}.status is not a Responses status: ${describeValue(response.status)}`);
  if (response.status === 'incomplete' && !isRecord(response.incomplete_details))
    problems.push(`${where}.incomplete_details must give the reason of an incomplete response`);
  if (!Array.isArray(response.output)) {
    problems.push(`${where}.output must be an array, got ${describeValue(response.output)}`);
  } else {
    for (const [index, item] of response.output.entries())
      problems.push(...checkOutputItem(item, `${where}.output[${index}]`));
  }
  if (response.status === 'completed' || response.status === 'incomplete')
    problems.push(...checkResponseUsage(response.usage, `${where}.usage`));
  return problems;
}

/** A finished response's usage: every count present (0 when unknown, never omitted) and consistent. */
export function checkResponseUsage(usage: unknown, where = 'usage'): string[] {
  if (!isRecord(usage)) return [`${where} must be an object, got ${describeValue(usage)}`];
  const problems: string[] = [];
  const counts: Array<[string, unknown]> = [
    ['input_tokens', usage.input_tokens],
    [
      'input_tokens_details.cached_tokens',
      (usage.input_tokens_details as Record<string, unknown> | undefined)?.cached_tokens,
    ],
    ['output_tokens', usage.output_tokens],
    [
      'output_tokens_details.reasoning_tokens',
      (usage.output_tokens_details as Record<string, unknown> | undefined)?.reasoning_tokens,
    ],
    ['total_tokens', usage.total_tokens],
  ];
  for (const [field, value] of counts)
    if (!isCount(value))
      problems.push(
        `${where}.${field} must be a non-negative integer, got ${describeValue(value)}`,
      );
  if (problems.length > 0) return problems;
  const input = usage.input_tokens as number;
  const output = usage.output_tokens as number;
  if ((usage.total_tokens as number) !== input + output)
    problems.push(
      `${where}.total_tokens must equal input_tokens + output_tokens (${input} + ${output})`,
    );
  return problems;
}

function checkOutputItem(item: unknown, where: string): string[] {
  if (!isRecord(item)) return [`${where} must be an object, got ${describeValue(item)}`];
  const problems: string[] = [];
  if (!isNonEmptyString(item.id)) problems.push(`${where}.id must be a non-empty string`);
  switch (item.type) {
    case 'message': {
      if (item.role !== 'assistant') problems.push(`${where}.role must be "assistant"`);
      if (!Array.isArray(item.content)) {
        problems.push(`${where}.content must be an array`);
        break;
      }
      for (const [index, part] of item.content.entries()) {
        const at = `${where}.content[${index}]`;
        if (isRecord(part) && part.type === 'output_text') {
          if (typeof part.text !== 'string') problems.push(`${at}.text must be a string`);
          if (!Array.isArray(part.annotations)) problems.push(`${at}.annotations must be an array`);
        } else if (!(isRecord(part) && part.type === 'refusal' && typeof part.refusal === 'string'))
          problems.push(`${at} must be an output_text or refusal part, got ${describeValue(part)}`);
      }
      break;
    }
    case 'function_call': {
      for (const field of ['call_id', 'name'] as const)
        if (!isNonEmptyString(item[field]))
          problems.push(`${where}.${field} must be a non-empty string`);
      if (typeof item.arguments !== 'string') problems.push(`${where}.arguments must be a string`);
      else if (item.status === 'completed' && !isJson(item.arguments))
        problems.push(`${where}.arguments must be JSON, got ${describeValue(item.arguments)}`);
      break;
    }
    case 'custom_tool_call':
      for (const field of ['call_id', 'name'] as const)
        if (!isNonEmptyString(item[field]))
          problems.push(`${where}.${field} must be a non-empty string`);
      if (typeof item.input !== 'string') problems.push(`${where}.input must be a string`);
      break;
    case 'reasoning':
      if (!Array.isArray(item.summary)) problems.push(`${where}.summary must be an array`);
      break;
    default:
      problems.push(`${where}.type is not an output item type: ${describeValue(item.type)}`);
  }
  return problems;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
