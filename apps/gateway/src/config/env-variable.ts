import * as z from 'zod';

/**
 * One environment variable: trimmed, and blank counts as unset (then `fallback`). A set value is
 * parsed by `value`; when it fails, the issue reads `"<value>" <problem>`, so the message names the
 * value, what is wrong and the fix (the variable's name is the issue's path).
 */
export function envVariable<Value extends z.ZodType, Fallback>(
  value: Value,
  fallback: Fallback,
  problem: string,
) {
  return z
    .string()
    .optional()
    .transform((raw, context): z.output<Value> | Fallback => {
      const text = raw?.trim() ?? '';
      if (text === '') return fallback;
      const parsed = value.safeParse(text);
      if (parsed.success) return parsed.data;
      context.addIssue({ code: 'custom', message: `"${text}" ${problem}`, input: raw });
      return z.NEVER;
    });
}

/** A text variable (a path, a folder): trimmed, blank = unset; never fails. */
export function envText() {
  return envVariable(z.string(), undefined, '');
}

/** A comma list (`a, b,,c` → `['a', 'b', 'c']`); never fails. */
export function envList() {
  return z
    .string()
    .optional()
    .transform((raw) =>
      (raw ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );
}

/** A string schema that passes the text through `parse`, failing where it returns undefined. */
export function parsedBy<Value>(parse: (text: string) => Value | undefined) {
  return z.string().transform((text, context): Value => {
    const value = parse(text);
    if (value !== undefined) return value;
    context.addIssue({ code: 'custom', message: 'cannot be parsed', input: text });
    return z.NEVER;
  });
}
