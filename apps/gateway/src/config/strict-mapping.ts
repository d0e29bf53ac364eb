import * as z from 'zod';

/**
 * A config-file mapping that refuses keys it does not know, so a misspelt key stops startup instead
 * of being ignored; the message lists the keys it knows.
 */
export function strictMapping<Shape extends z.ZodRawShape>(shape: Shape) {
  const expected = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((key) => `"${key}"`).join(', ');
        return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${keys} (expected ${expected}); fix the spelling or remove ${issue.keys.length > 1 ? 'them' : 'it'}.`;
      }
      return `must be a mapping with ${expected}.`;
    },
  });
}
