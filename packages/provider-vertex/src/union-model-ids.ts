/**
 * The ids of a cached model list plus a fixed set, as one set for routing (`knownModels()`): rebuilt
 * only when the list's set changes, since routing asks on every request.
 */
export function unionModelIds(
  listed: () => ReadonlySet<string> | undefined,
  fixed: ReadonlySet<string>,
): () => ReadonlySet<string> | undefined {
  let lastListed: ReadonlySet<string> | undefined;
  let union: ReadonlySet<string> | undefined = fixed.size > 0 ? fixed : undefined;
  return () => {
    const current = listed();
    if (fixed.size === 0) return current;
    if (current !== lastListed) {
      lastListed = current;
      union = current === undefined ? fixed : new Set([...current, ...fixed]);
    }
    return union;
  };
}
