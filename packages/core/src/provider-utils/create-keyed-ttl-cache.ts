import { createHash } from 'node:crypto';

export interface KeyedTtlCacheOptions<T> {
  /** How long a loaded value is served, ms. `0`: nothing is kept (concurrent callers still share one load). */
  ttlMs: number;
  /** Keys kept at most; the oldest stored value is dropped beyond this. Default 64. */
  maxEntries?: number;
  /** A shorter (or longer) life for one value, e.g. a fallback list; default `ttlMs`. */
  ttlOf?: (value: T) => number;
  /** Clock, for tests. */
  now?: () => number;
  /**
   * The server credential, when the provider has one: its digest is computed once, so
   * `peekPrimary()` (asked on every request, e.g. for metric labels) costs a Map lookup, not a SHA-256.
   */
  primaryKey?: string;
}

export interface KeyedTtlCache<T> {
  /**
   * The fresh value stored under `key`, else the result of `load()`, which concurrent callers of the
   * same key share. `load` runs on behalf of all of them: it must not use one caller's abort signal
   * (a client that disconnects must not fail the listing the others wait for).
   */
  get(key: string, load: () => Promise<T>): Promise<T>;
  /** The fresh value under `key`, without loading (for `knownModels()`, which must not do I/O). */
  peek(key: string): T | undefined;
  /** `peek(primaryKey)` without hashing it again; undefined when no `primaryKey` was given. */
  peekPrimary(): T | undefined;
  /** The most recently loaded value under any key. */
  latest(): T | undefined;
  clear(): void;
}

/**
 * The cache behind every provider's model listing: keyed by the credential the listing was made with
 * (one client's key, or what it may see, is never served to another), keys kept only as SHA-256
 * digests (credentials must not sit in memory dumps in clear), failures never stored, bounded.
 */
export function createKeyedTtlCache<T>(options: KeyedTtlCacheOptions<T>): KeyedTtlCache<T> {
  const maxEntries = options.maxEntries ?? 64;
  const now = options.now ?? Date.now;
  const stored = new Map<string, { value: T; expiresAt: number }>();
  const loading = new Map<string, Promise<T>>();
  let latest: T | undefined;
  const digest = (key: string) => createHash('sha256').update(key).digest('base64url');
  const primaryDigest = options.primaryKey === undefined ? undefined : digest(options.primaryKey);
  const fresh = (hashed: string): T | undefined => {
    const entry = stored.get(hashed);
    return entry !== undefined && entry.expiresAt > now() ? entry.value : undefined;
  };

  return {
    get(key, load) {
      const hashed = digest(key);
      const hit = stored.get(hashed);
      if (hit !== undefined && hit.expiresAt > now()) return Promise.resolve(hit.value);
      const pending = loading.get(hashed);
      if (pending !== undefined) return pending;
      const loaded = load()
        .then((value) => {
          latest = value;
          const ttl = options.ttlOf?.(value) ?? options.ttlMs;
          stored.delete(hashed);
          if (ttl > 0) {
            stored.set(hashed, { value, expiresAt: now() + ttl });
            for (const oldest of stored.keys()) {
              if (stored.size <= maxEntries) break;
              stored.delete(oldest);
            }
          }
          return value;
        })
        .finally(() => loading.delete(hashed));
      loading.set(hashed, loaded);
      return loaded;
    },
    peek: (key) => fresh(digest(key)),
    peekPrimary: () => (primaryDigest === undefined ? undefined : fresh(primaryDigest)),
    latest: () => latest,
    clear: () => stored.clear(),
  };
}
