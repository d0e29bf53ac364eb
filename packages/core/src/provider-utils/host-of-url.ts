/** The `host:port` of a URL for error messages (never its path or query, which may carry a key). */
export function hostOfUrl(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unknown host';
  }
}
