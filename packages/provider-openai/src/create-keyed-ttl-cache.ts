import { createHash } from 'node:crypto';

export interface KeyedTtlCache<T> {
  /** The cached value for this key, or the loader's result (stored for `ttlMs`). */
  get(key: string, load: () => Promise<T>): Promise<T>;
  /** The most recently stored value under any key (for `knownModels()`, which must not do I/O). */
  latest(): T | undefined;
}

/**
 * A tiny TTL cache for upstream listings. Keys are hashed (they are derived from credentials, which
 * must not sit in memory dumps in clear), concurrent loads of one key share a single upstream call,
 * and the map is bounded. `ttlMs: 0` disables caching.
 */
export function createKeyedTtlCache<T>(ttlMs: number, maxEntries = 64): KeyedTtlCache<T> {
  const entries = new Map<string, { value: Promise<T>; expires: number }>();
  let latest: T | undefined;
  return {
    async get(key, load) {
      const hashed = createHash('sha256').update(key).digest('base64url');
      const now = Date.now();
      const hit = entries.get(hashed);
      if (hit !== undefined && hit.expires > now) return hit.value;
      const value = load().then((loaded) => {
        latest = loaded;
        return loaded;
      });
      if (ttlMs > 0) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
        entries.set(hashed, { value, expires: now + ttlMs });
        // A failed load must not be cached.
        value.catch(() => entries.delete(hashed));
      }
      return value;
    },
    latest: () => latest,
  };
}
