const compiled = new Map<string, RegExp>();

/** Case-insensitive glob match where `*` stands for any run of characters (`gemini-*`). */
export function matchModelPattern(pattern: string, model: string): boolean {
  let expression = compiled.get(pattern);
  if (expression === undefined) {
    const source = pattern
      .split('*')
      .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    expression = new RegExp(`^${source}$`, 'i');
    compiled.set(pattern, expression);
  }
  return expression.test(model);
}
