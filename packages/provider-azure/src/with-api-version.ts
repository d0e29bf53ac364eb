/**
 * The client's query with `api-version` added when the client sent none. A client's own
 * `api-version` replaces the default (never a second `api-version` parameter).
 */
export function withApiVersion(search: string, apiVersion: string | undefined): string {
  if (apiVersion === undefined) return search;
  const query = new URLSearchParams(search);
  if (query.has('api-version')) return search;
  query.append('api-version', apiVersion);
  return query.toString();
}
