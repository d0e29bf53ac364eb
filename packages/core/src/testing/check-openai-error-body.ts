import { describeValue, isNonEmptyString, isRecord } from './value-guards.js';

/** Problems with an error body: exactly OpenAI's `{"error":{"message","type","param","code"}}`. */
export function checkOpenAIErrorBody(body: unknown): string[] {
  if (!isRecord(body) || !isRecord(body.error))
    return [`an error body must be {"error":{...}}, got ${describeValue(body)}`];
  const error = body.error;
  const problems: string[] = [];
  if (!isNonEmptyString(error.message))
    problems.push(`error.message must be a non-empty string, got ${describeValue(error.message)}`);
  if (!isNonEmptyString(error.type))
    problems.push(`error.type must be a non-empty string, got ${describeValue(error.type)}`);
  for (const field of ['param', 'code'] as const) {
    if (!(field in error)) problems.push(`error.${field} must be present (a string or null)`);
    else if (error[field] !== null && typeof error[field] !== 'string')
      problems.push(`error.${field} must be a string or null, got ${describeValue(error[field])}`);
  }
  return problems;
}
