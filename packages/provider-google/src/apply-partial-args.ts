/**
 * Vertex `streamFunctionCallArguments`: applies one `partialArgs` entry (`{jsonPath: "$.a.b[0]",
 * stringValue|numberValue|boolValue|nullValue}`) to the arguments object being assembled. String
 * values arrive in pieces and are appended.
 */
export function applyPartialArgs(target: Record<string, unknown>, entry: unknown): void {
  if (entry === null || typeof entry !== 'object') return;
  const { jsonPath } = entry as { jsonPath?: unknown };
  if (typeof jsonPath !== 'string' || !jsonPath.startsWith('$')) return;
  const keys = parsePath(jsonPath);
  if (keys.length === 0) return;
  let node: Record<string | number, unknown> = target;
  for (const [position, key] of keys.entries()) {
    const last = position === keys.length - 1;
    if (last) {
      const value = partialValue(entry as Record<string, unknown>);
      if (value === undefined) return;
      if (typeof value === 'string' && typeof node[key] === 'string')
        node[key] = (node[key] as string) + value;
      else node[key] = value;
      return;
    }
    const next = keys[position + 1];
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object')
      node[key] = typeof next === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
}

function partialValue(entry: Record<string, unknown>): unknown {
  if ('stringValue' in entry) return String(entry.stringValue ?? '');
  if ('numberValue' in entry) return Number(entry.numberValue);
  if ('boolValue' in entry) return Boolean(entry.boolValue);
  if ('nullValue' in entry) return null;
  return undefined;
}

function parsePath(path: string): Array<string | number> {
  const keys: Array<string | number> = [];
  const pattern = /\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g;
  for (const match of path.slice(1).matchAll(pattern)) {
    if (match[1] !== undefined) keys.push(match[1]);
    else if (match[2] !== undefined) keys.push(Number(match[2]));
    else keys.push(match[3] ?? match[4] ?? '');
  }
  return keys;
}
