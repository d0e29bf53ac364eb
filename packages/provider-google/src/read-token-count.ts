/** A token count the upstream reported, or 0 when it reported none (or nonsense). */
export function readTokenCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
