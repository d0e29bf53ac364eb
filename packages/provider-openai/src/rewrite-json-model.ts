/**
 * Sets `model` in a JSON request body. Returns the original bytes untouched when the body already
 * names that model (the passthrough fast path), so only a real rename costs a parse + serialise.
 * A body that is not a JSON object is returned as is: the upstream answers for it.
 */
export function rewriteJsonModel(body: Uint8Array, model: string): Uint8Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return body;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return body;
  const object = parsed as Record<string, unknown>;
  if (object.model === model) return body;
  object.model = model;
  return Buffer.from(JSON.stringify(object), 'utf8');
}
