/** A tool call's `arguments` text as Claude's `tool_use.input` (an object); text that is no JSON object is kept under `_raw`. */
export function parseToolInput(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  try {
    const value = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // kept below
  }
  return { _raw: text };
}
