/**
 * Base URL (scheme, host, port and any path prefix, trailing slash or not) + path (+ query).
 * String work only: `new URL(path, base)` would drop the base's path prefix.
 */
export function joinUrl(base: string, path: string, search?: string): string {
  const trimmedBase = base.endsWith('/') ? base.replace(/\/+$/, '') : base;
  const joined = path.startsWith('/') ? trimmedBase + path : `${trimmedBase}/${path}`;
  return search ? `${joined}?${search}` : joined;
}
