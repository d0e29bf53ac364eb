import { checkUsage } from './check-usage.js';
import { describeValue, isNonEmptyString, isRecord, isUnixSeconds } from './value-guards.js';

const COMPLETION_FINISH_REASONS: ReadonlySet<string> = new Set([
  'stop',
  'length',
  'content_filter',
]);

/** Problems with a non-streamed legacy `text_completion` body (`/v1/completions`). */
export function checkCompletion(body: unknown, options: { requireUsage?: boolean } = {}): string[] {
  const problems = checkTextCompletionEnvelope(body, 'completion');
  if (!isRecord(body)) return problems;
  if (Array.isArray(body.choices)) {
    if (body.choices.length === 0) problems.push('choices must not be empty');
    body.choices.forEach((choice, position) => {
      if (!isRecord(choice)) {
        problems.push(`choices[${position}] must be an object`);
        return;
      }
      if (choice.index !== position)
        problems.push(
          `choices[${position}].index must be ${position}, got ${describeValue(choice.index)}`,
        );
      if (typeof choice.text !== 'string')
        problems.push(
          `choices[${position}].text must be a string, got ${describeValue(choice.text)}`,
        );
      if (
        typeof choice.finish_reason !== 'string' ||
        !COMPLETION_FINISH_REASONS.has(choice.finish_reason)
      ) {
        problems.push(
          `choices[${position}].finish_reason must be stop|length|content_filter, got ${describeValue(choice.finish_reason)}`,
        );
      }
    });
  }
  if (body.usage === undefined || body.usage === null) {
    if (options.requireUsage ?? true) problems.push('usage is missing');
  } else {
    problems.push(...checkUsage(body.usage));
  }
  return problems;
}

/**
 * Problems with a streamed `/v1/completions` answer: every chunk is a `text_completion` with one id,
 * each choice finishes once and last, and with include_usage the last chunk is `choices: []` + usage.
 */
export function checkCompletionChunks(
  chunks: readonly unknown[],
  options: { includeUsage?: boolean } = {},
): string[] {
  if (chunks.length === 0) return ['the stream has no chunks'];
  const problems: string[] = [];
  const finished = new Set<number>();
  const seen = new Set<number>();
  const firstId = isRecord(chunks[0]) ? chunks[0].id : undefined;
  chunks.forEach((chunk, position) => {
    const where = `chunk ${position}`;
    problems.push(...checkTextCompletionEnvelope(chunk, where));
    if (!isRecord(chunk) || !Array.isArray(chunk.choices)) return;
    if (chunk.id !== firstId) problems.push(`${where}: id differs from the first chunk's`);
    const isLast = position === chunks.length - 1;
    if (chunk.choices.length === 0 && !(options.includeUsage && isLast))
      problems.push(`${where}: "choices": [] outside the final usage chunk`);
    if (chunk.usage !== undefined && chunk.usage !== null)
      problems.push(...checkUsage(chunk.usage, `${where}: usage`));
    for (const choice of chunk.choices) {
      if (!isRecord(choice) || typeof choice.index !== 'number') {
        problems.push(`${where}: a choice needs an integer index`);
        continue;
      }
      if (finished.has(choice.index))
        problems.push(`${where}: choice ${choice.index} continues after its finish_reason`);
      seen.add(choice.index);
      if (typeof choice.text !== 'string')
        problems.push(`${where}: choice ${choice.index} text must be a string`);
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) {
        if (
          typeof choice.finish_reason !== 'string' ||
          !COMPLETION_FINISH_REASONS.has(choice.finish_reason)
        ) {
          problems.push(
            `${where}: finish_reason must be stop|length|content_filter or null, got ${describeValue(choice.finish_reason)}`,
          );
        }
        finished.add(choice.index);
      }
    }
  });
  for (const index of seen)
    if (!finished.has(index)) problems.push(`choice ${index} never received a finish_reason`);
  if (seen.size === 0) problems.push('no chunk carries a choice');
  const last = chunks[chunks.length - 1];
  if (
    options.includeUsage &&
    !(
      isRecord(last) &&
      Array.isArray(last.choices) &&
      last.choices.length === 0 &&
      isRecord(last.usage)
    )
  ) {
    problems.push('include_usage was requested but the last chunk is not the usage-only chunk');
  }
  return problems;
}

function checkTextCompletionEnvelope(body: unknown, where: string): string[] {
  if (!isRecord(body)) return [`${where} must be a JSON object, got ${describeValue(body)}`];
  const problems: string[] = [];
  if (!isNonEmptyString(body.id)) problems.push(`${where}: id must be a non-empty string`);
  if (body.object !== 'text_completion')
    problems.push(`${where}: object must be "text_completion", got ${describeValue(body.object)}`);
  if (!isUnixSeconds(body.created))
    problems.push(`${where}: created must be Unix seconds, got ${describeValue(body.created)}`);
  if (!isNonEmptyString(body.model)) problems.push(`${where}: model must be a non-empty string`);
  if (!Array.isArray(body.choices)) problems.push(`${where}: choices must be an array`);
  return problems;
}
