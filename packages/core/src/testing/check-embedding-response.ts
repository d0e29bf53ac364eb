import { describeValue, isCount, isNonEmptyString, isRecord } from './value-guards.js';

export interface CheckEmbeddingResponseOptions {
  /** Number of inputs sent: one embedding per input, in order. */
  inputCount?: number;
  encodingFormat?: 'float' | 'base64';
  /** The `dimensions` the request asked for. */
  dimensions?: number;
}

/**
 * Problems with an embeddings body: `object: "list"`, one `embedding` per input with index 0..n-1 in
 * order, vectors of one length (floats, or base64 of little-endian float32 when asked), and usage.
 */
export function checkEmbeddingResponse(
  body: unknown,
  options: CheckEmbeddingResponseOptions = {},
): string[] {
  if (!isRecord(body))
    return [`an embedding response must be a JSON object, got ${describeValue(body)}`];
  const problems: string[] = [];
  if (body.object !== 'list')
    problems.push(`object must be "list", got ${describeValue(body.object)}`);
  if (!isNonEmptyString(body.model)) problems.push('model must be a non-empty string');
  if (
    !isRecord(body.usage) ||
    !isCount(body.usage.prompt_tokens) ||
    !isCount(body.usage.total_tokens)
  ) {
    problems.push(
      `usage must have integer prompt_tokens and total_tokens, got ${describeValue(body.usage)}`,
    );
  } else if (body.usage.total_tokens < body.usage.prompt_tokens) {
    problems.push('usage.total_tokens cannot be below usage.prompt_tokens');
  }
  if (!Array.isArray(body.data) || body.data.length === 0)
    return [...problems, 'data must be a non-empty array'];
  if (options.inputCount !== undefined && body.data.length !== options.inputCount) {
    problems.push(
      `expected ${options.inputCount} embedding(s), one per input, got ${body.data.length}`,
    );
  }
  const lengths = new Set<number>();
  body.data.forEach((entry, position) => {
    const where = `data[${position}]`;
    if (!isRecord(entry)) {
      problems.push(`${where} must be an object`);
      return;
    }
    if (entry.object !== 'embedding')
      problems.push(`${where}.object must be "embedding", got ${describeValue(entry.object)}`);
    if (entry.index !== position)
      problems.push(
        `${where}.index must be ${position} (inputs in order), got ${describeValue(entry.index)}`,
      );
    const length = vectorLength(
      entry.embedding,
      options.encodingFormat ?? 'float',
      where,
      problems,
    );
    if (length !== undefined) lengths.add(length);
  });
  if (lengths.size > 1)
    problems.push(`embeddings have different lengths: ${[...lengths].join(', ')}`);
  if (options.dimensions !== undefined && lengths.size === 1 && !lengths.has(options.dimensions)) {
    problems.push(
      `embeddings have ${[...lengths][0]} dimensions, the request asked for ${options.dimensions}`,
    );
  }
  return problems;
}

function vectorLength(
  embedding: unknown,
  format: 'float' | 'base64',
  where: string,
  problems: string[],
): number | undefined {
  if (format === 'base64') {
    if (typeof embedding !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(embedding)) {
      problems.push(
        `${where}.embedding must be a base64 string (encoding_format "base64"), got ${describeValue(embedding)}`,
      );
      return undefined;
    }
    const bytes = Buffer.from(embedding, 'base64').length;
    if (bytes === 0 || bytes % 4 !== 0) {
      problems.push(
        `${where}.embedding decodes to ${bytes} bytes, not a whole number of float32 values`,
      );
      return undefined;
    }
    return bytes / 4;
  }
  if (
    !Array.isArray(embedding) ||
    embedding.length === 0 ||
    !embedding.every((value) => typeof value === 'number' && Number.isFinite(value))
  ) {
    problems.push(`${where}.embedding must be a non-empty array of finite numbers`);
    return undefined;
  }
  return embedding.length;
}
