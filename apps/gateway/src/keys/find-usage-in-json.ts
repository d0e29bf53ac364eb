import { readUsagePart, type UsagePart } from './token-usage.js';

const USAGE_KEYS = ['"usage"', '"usageMetadata"'];

/**
 * The usage report of a JSON answer (OpenAI's, Anthropic's `usage`, Gemini's `usageMetadata`),
 * found without parsing the whole answer: the last such key followed by an object, cut out by
 * brace matching (usage objects hold numbers and nested objects, never strings with braces) and
 * parsed alone.
 */
export function findUsageInJson(text: string): UsagePart | undefined {
  let at = -1;
  let key = '';
  for (const name of USAGE_KEYS) {
    const found = text.lastIndexOf(name);
    if (found > at) {
      at = found;
      key = name;
    }
  }
  if (at < 0) return undefined;
  let index = at + key.length;
  while (
    index < text.length &&
    (text[index] === ' ' ||
      text[index] === ':' ||
      text[index] === '\n' ||
      text[index] === '\r' ||
      text[index] === '\t')
  )
    index++;
  if (text[index] !== '{') return undefined;
  let depth = 0;
  for (let end = index; end < text.length; end++) {
    const char = text[end];
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) {
      try {
        return readUsagePart(JSON.parse(text.slice(index, end + 1)));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
