import { createHash } from 'node:crypto';

const DEFAULT_DIMENSIONS = 8;

/**
 * A deterministic unit vector for a text (from its SHA-256), so equal inputs embed equally and
 * demos can compare similarities. Not semantic.
 */
export function createEchoEmbedding(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let offset = 0; offset + 2 <= digest.length && values.length < dimensions; offset += 2) {
      values.push(digest.readUInt16BE(offset) / 32767.5 - 1);
    }
  }
  const length = Math.hypot(...values) || 1;
  return values.map((value) => value / length);
}
