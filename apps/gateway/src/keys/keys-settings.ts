/** A calendar period in UTC over which a budget and the usage counters run; `total` never resets. */
export type BudgetPeriod = 'day' | 'week' | 'month' | 'total';

/** One gateway key from the config file's `keys` list. The plaintext key is never kept: only its digest. */
export interface KeyConfig {
  /** Shown in logs and admin answers; letters, digits, `.`, `_`, `-`. */
  id: string;
  /** SHA-256 of the key (32 bytes). */
  digest: Buffer;
  /** Glob allowlist over public model names (`gpt-4o*`); undefined = every model. */
  models: readonly string[] | undefined;
  rpm: number | undefined;
  tpm: number | undefined;
  maxParallel: number | undefined;
  budget: { usd: number; period: BudgetPeriod } | undefined;
}

/** USD per 1M tokens for one model (the config's `prices`), overriding the built-in table. */
export interface ModelPriceOverride {
  input: number;
  output: number;
  cachedInput?: number;
  reasoning?: number;
}

/** Where the limits and counters live, and what happens when Redis cannot be reached. */
export interface KeyStateSettings {
  store: 'memory' | 'redis';
  redisUrl: string | undefined;
  /** `open`: rate limits fall back to per-process memory; `closed`: 503. Budgets always fail closed. */
  onError: 'open' | 'closed';
}

/** The config file's `keys`, `prices`, `admin` and `state` sections, validated. */
export interface KeysSettings {
  keys: readonly KeyConfig[];
  prices: ReadonlyMap<string, ModelPriceOverride>;
  /** SHA-256 of the admin key; undefined = no admin routes. */
  adminDigest: Buffer | undefined;
  state: KeyStateSettings;
}

export const EMPTY_KEYS_SETTINGS: KeysSettings = {
  keys: [],
  prices: new Map(),
  adminDigest: undefined,
  state: { store: 'memory', redisUrl: undefined, onError: 'open' },
};
