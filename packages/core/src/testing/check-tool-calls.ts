import { describeValue, isNonEmptyString, isRecord } from './value-guards.js';

/**
 * Problems with a complete `tool_calls` array: unique non-empty ids (the client echoes them back in
 * `tool` messages), type "function", a name, and arguments that are a JSON object in a string.
 */
export function checkToolCalls(toolCalls: unknown, where: string): string[] {
  if (!Array.isArray(toolCalls))
    return [`${where} must be an array, got ${describeValue(toolCalls)}`];
  const problems: string[] = [];
  const ids = new Set<string>();
  toolCalls.forEach((call, position) => {
    const at = `${where}[${position}]`;
    if (!isRecord(call)) {
      problems.push(`${at} must be an object`);
      return;
    }
    if (!isNonEmptyString(call.id))
      problems.push(`${at}.id must be a non-empty string, got ${describeValue(call.id)}`);
    else if (ids.has(call.id)) problems.push(`${at}.id "${call.id}" is not unique`);
    else ids.add(call.id);
    if (call.type !== 'function')
      problems.push(`${at}.type must be "function", got ${describeValue(call.type)}`);
    const fn = call.function;
    if (!isRecord(fn)) {
      problems.push(`${at}.function must be an object`);
      return;
    }
    if (!isNonEmptyString(fn.name)) problems.push(`${at}.function.name must be a non-empty string`);
    problems.push(...checkArgumentsText(fn.arguments, `${at}.function.arguments`));
  });
  return problems;
}

/** Tool arguments travel as JSON text; clients JSON.parse them and expect an object. */
export function checkArgumentsText(text: unknown, where: string): string[] {
  if (typeof text !== 'string')
    return [`${where} must be a string of JSON, got ${describeValue(text)}`];
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed)
      ? []
      : [`${where} must encode a JSON object, got ${describeValue(text)}`];
  } catch {
    return [`${where} is not valid JSON: ${describeValue(text)}`];
  }
}
