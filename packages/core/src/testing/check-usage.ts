import { describeValue, isCount, isRecord } from './value-guards.js';

/**
 * Problems with an OpenAI `usage` object: the three counts are non-negative integers, the total is the
 * sum (clients and billing dashboards add them up), and the detail counts fit inside their totals.
 */
export function checkUsage(usage: unknown, where = 'usage'): string[] {
  if (!isRecord(usage)) return [`${where} must be an object, got ${describeValue(usage)}`];
  const problems: string[] = [];
  for (const field of ['prompt_tokens', 'completion_tokens', 'total_tokens'] as const) {
    if (!isCount(usage[field]))
      problems.push(
        `${where}.${field} must be a non-negative integer, got ${describeValue(usage[field])}`,
      );
  }
  if (problems.length > 0) return problems;
  const prompt = usage.prompt_tokens as number;
  const completion = usage.completion_tokens as number;
  const total = usage.total_tokens as number;
  if (total !== prompt + completion) {
    problems.push(
      `${where}.total_tokens (${total}) must equal prompt_tokens + completion_tokens (${prompt} + ${completion}); count reasoning tokens in completion_tokens`,
    );
  }
  problems.push(
    ...checkDetail(
      usage.completion_tokens_details,
      'reasoning_tokens',
      completion,
      `${where}.completion_tokens_details`,
    ),
  );
  problems.push(
    ...checkDetail(
      usage.prompt_tokens_details,
      'cached_tokens',
      prompt,
      `${where}.prompt_tokens_details`,
    ),
  );
  return problems;
}

function checkDetail(details: unknown, field: string, limit: number, where: string): string[] {
  if (details === undefined || details === null) return [];
  if (!isRecord(details))
    return [`${where} must be an object or null, got ${describeValue(details)}`];
  const value = details[field];
  if (value === undefined || value === null) return [];
  if (!isCount(value))
    return [`${where}.${field} must be a non-negative integer, got ${describeValue(value)}`];
  return (value as number) > limit
    ? [`${where}.${field} (${value}) cannot exceed its total (${limit})`]
    : [];
}
