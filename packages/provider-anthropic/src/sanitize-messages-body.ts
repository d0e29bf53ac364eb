/**
 * Removes what Foundry and Vertex refuse in a Messages body ("Extra inputs are not permitted"):
 * `scope` inside any `cache_control` (the prompt-caching-scope beta, Anthropic's API only) — the same
 * field LiteLLM strips for both (azure_ai/anthropic/messages_transformation.py, vertex_ai … transformation.py).
 * Mutates and returns `body`; only objects and arrays are walked.
 */
export function sanitizeMessagesBody(body: Record<string, unknown>): Record<string, unknown> {
  walk(body, 0);
  return body;
}

// Request bodies nest a handful of levels; the bound keeps a hostile body from exhausting the stack.
const MAX_DEPTH = 64;

function walk(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  const cacheControl = record.cache_control;
  if (cacheControl !== null && typeof cacheControl === 'object' && !Array.isArray(cacheControl))
    delete (cacheControl as Record<string, unknown>).scope;
  for (const [key, child] of Object.entries(record))
    if (key !== 'cache_control') walk(child, depth + 1);
}
