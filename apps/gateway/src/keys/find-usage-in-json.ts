import { readTokenUsage, type TokenUsage } from './token-usage.js';

/**
 * The `usage` object of an OpenAI JSON answer, found without parsing the whole answer: the last
 * `"usage"` key followed by an object, cut out by brace matching (usage objects hold numbers and
 * nested objects, never strings with braces) and parsed alone.
 */
export function findUsageInJson(text: string): TokenUsage | undefined {
  const at = text.lastIndexOf('"usage"');
  if (at < 0) return undefined;
  let index = at + '"usage"'.length;
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
        return readTokenUsage(JSON.parse(text.slice(index, end + 1)));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
