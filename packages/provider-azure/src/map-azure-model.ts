// A version suffix: `-YYYY-MM-DD` or `-YYYYMMDD` at the end.
const DATE_SUFFIX = /-\d{4}-\d{2}-\d{2}$|-\d{8}$/;

/**
 * The deployment a mapping table names for `model`: exact (case-insensitive) lookup, then the same
 * with a trailing date removed (`gpt-4.1-2030-01-01` → `gpt-4.1`). Undefined when no entry matches;
 * the caller then uses the model name itself as the deployment.
 */
export function mapAzureModel(
  model: string,
  table: ReadonlyMap<string, string>,
): string | undefined {
  const key = model.toLowerCase();
  const exact = table.get(key);
  if (exact !== undefined) return exact;
  const undated = key.replace(DATE_SUFFIX, '');
  return undated === key ? undefined : table.get(undated);
}
