export interface ParsedAzureModelMapper {
  /** Lower-cased, trimmed model → trimmed deployment name. */
  entries: Map<string, string>;
  /** Problems to report once at startup; they name positions, never values. */
  problems: string[];
}

/**
 * `AZURE_OPENAI_MODEL_MAPPER` = `model=deployment` pairs separated by commas, trimmed, with
 * case-insensitive keys (so `GPT-4O=x` matches a request for `gpt-4o`).
 * A pair that is not exactly `key=value` with both sides non-empty is skipped and reported.
 */
export function parseAzureModelMapper(
  value: string | undefined,
  setting = 'AZURE_OPENAI_MODEL_MAPPER',
): ParsedAzureModelMapper {
  const entries = new Map<string, string>();
  const problems: string[] = [];
  if (value === undefined || value.trim() === '') return { entries, problems };
  for (const [index, pair] of value.split(',').entries()) {
    if (pair.trim() === '') continue;
    const parts = pair.split('=');
    const model = parts[0]?.trim().toLowerCase() ?? '';
    const deployment = parts[1]?.trim() ?? '';
    if (parts.length !== 2 || model === '' || deployment === '') {
      problems.push(`${setting}: entry ${index + 1} is not "model=deployment" and is ignored.`);
      continue;
    }
    entries.set(model, deployment);
  }
  return { entries, problems };
}
