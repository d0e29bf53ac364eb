import { createHash } from 'node:crypto';
import type { EnvV1 } from '@multi-ai-proxy/core';
import { ConfigError } from '../config/config-error.js';
import { type BudgetPeriod, EMPTY_KEYS_SETTINGS, type KeyConfig, type KeyStateSettings, type KeysSettings, type ModelPriceOverride } from './keys-settings.js';

const SETTING = 'MULTI_AI_PROXY_CONFIG';
// The id goes into Redis key names inside a hash tag ({k:<id>}) and into log lines: keep it plain.
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const PERIODS: readonly BudgetPeriod[] = ['day', 'week', 'month', 'total'];
const KEY_FIELDS = new Set(['id', 'key', 'sha256', 'models', 'rpm', 'tpm', 'maxParallel', 'budget']);

/**
 * The config file's `keys`, `prices`, `admin` and `state` sections. `${VAR}` in `key` and `admin.key`
 * is read from the environment; a plaintext key is hashed here and dropped, so only its SHA-256 lives on.
 */
export function parseKeysSettings(root: Record<string, unknown>, env: EnvV1, path: string): KeysSettings {
  const fail = (message: string): never => {
    throw new ConfigError(SETTING, `${path}: ${message}`);
  };
  return {
    keys: parseKeys(root.keys, env, fail),
    prices: parsePrices(root.prices, fail),
    adminDigest: parseAdmin(root.admin, env, fail),
    state: parseState(root.state, env, fail),
  };
}

type Fail = (message: string) => never;

function parseKeys(value: unknown, env: EnvV1, fail: Fail): KeyConfig[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail('"keys" must be a list of { id, key | sha256, … }.');
  const ids = new Set<string>();
  const digests = new Set<string>();
  return value.map((entry, index) => {
    const at = `keys[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return fail(`${at} must be a mapping with id and key (or sha256).`);
    const record = entry as Record<string, unknown>;
    for (const field of Object.keys(record)) if (!KEY_FIELDS.has(field)) fail(`${at}: unknown field "${field}" (expected ${[...KEY_FIELDS].join(', ')}).`);
    const id = record.id;
    if (typeof id !== 'string' || !KEY_ID.test(id)) return fail(`${at}.id must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.`);
    if (ids.has(id)) fail(`${at}.id "${id}" is used twice; key ids must be unique.`);
    ids.add(id);
    const digest = parseKeyDigest(record, env, `${at}`, fail);
    const hex = digest.toString('hex');
    if (digests.has(hex)) fail(`${at} (${id}) has the same key as another entry.`);
    digests.add(hex);
    return {
      id,
      digest,
      models: parseModels(record.models, `${at}.models`, fail),
      rpm: positiveInteger(record.rpm, `${at}.rpm`, fail),
      tpm: positiveInteger(record.tpm, `${at}.tpm`, fail),
      maxParallel: positiveInteger(record.maxParallel, `${at}.maxParallel`, fail),
      budget: parseBudget(record.budget, `${at}.budget`, fail),
    };
  });
}

function parseKeyDigest(record: Record<string, unknown>, env: EnvV1, at: string, fail: Fail): Buffer {
  if (record.key !== undefined && record.sha256 !== undefined) fail(`${at}: set "key" or "sha256", not both.`);
  if (typeof record.sha256 === 'string') {
    if (!SHA256_HEX.test(record.sha256)) fail(`${at}.sha256 must be 64 hex digits (sha256sum of the key).`);
    return Buffer.from(record.sha256, 'hex');
  }
  const key = expandVariable(record.key, env, `${at}.key`, fail);
  return createHash('sha256').update(key).digest();
}

/** `${NAME}` alone is replaced by that environment variable; other strings are taken literally. */
function expandVariable(value: unknown, env: EnvV1, at: string, fail: Fail): string {
  if (typeof value !== 'string' || value.length === 0) return fail(`${at} must be a non-empty string, e.g. "\${TEAM_KEY}" (read from the environment).`);
  const reference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value);
  if (reference === null) return value;
  const name = reference[1] as string;
  const resolved = env[name];
  if (resolved === undefined || resolved.length === 0) return fail(`${at} names the environment variable ${name}, which is not set.`);
  return resolved;
}

function parseModels(value: unknown, at: string, fail: Fail): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((pattern) => typeof pattern !== 'string' || pattern.length === 0)) {
    return fail(`${at} must be a list of model names or globs, e.g. ["gpt-4o*", "gemini-2.5-*"].`);
  }
  return value as string[];
}

function positiveInteger(value: unknown, at: string, fail: Fail): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) return fail(`${at} must be a positive whole number.`);
  return value;
}

function parseBudget(value: unknown, at: string, fail: Fail): KeyConfig['budget'] {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return fail(`${at} must be { usd: <amount>, period: day | week | month | total }.`);
  const { usd, period, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) fail(`${at}: unknown field "${Object.keys(rest)[0]}" (expected usd, period).`);
  if (typeof usd !== 'number' || !Number.isFinite(usd) || usd <= 0) fail(`${at}.usd must be a positive number of US dollars.`);
  if (!PERIODS.includes(period as BudgetPeriod)) fail(`${at}.period must be one of ${PERIODS.join(', ')}.`);
  return { usd: usd as number, period: period as BudgetPeriod };
}

function parsePrices(value: unknown, fail: Fail): Map<string, ModelPriceOverride> {
  const prices = new Map<string, ModelPriceOverride>();
  if (value === undefined || value === null) return prices;
  if (typeof value !== 'object' || Array.isArray(value)) return fail('"prices" must map a model name (or glob) to { input, output, cachedInput?, reasoning? } in USD per 1M tokens.');
  for (const [model, entry] of Object.entries(value)) {
    const at = `prices.${model}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(`${at} must be { input, output, cachedInput?, reasoning? }.`);
    const { input, output, cachedInput, reasoning, ...rest } = entry as Record<string, unknown>;
    if (Object.keys(rest).length > 0) fail(`${at}: unknown field "${Object.keys(rest)[0]}" (expected input, output, cachedInput, reasoning).`);
    const price = (field: string, amount: unknown, required: boolean): number | undefined => {
      if (amount === undefined && !required) return undefined;
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return fail(`${at}.${field} must be a number ≥ 0 (USD per 1M tokens).`);
      return amount;
    };
    prices.set(model, {
      input: price('input', input, true) as number,
      output: price('output', output, true) as number,
      cachedInput: price('cachedInput', cachedInput, false),
      reasoning: price('reasoning', reasoning, false),
    });
  }
  return prices;
}

function parseAdmin(value: unknown, env: EnvV1, fail: Fail): Buffer | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return fail('"admin" must be { key: "${MULTI_AI_PROXY_ADMIN_KEY}" }.');
  const { key, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) fail(`admin: unknown field "${Object.keys(rest)[0]}" (expected key).`);
  return createHash('sha256').update(expandVariable(key, env, 'admin.key', fail)).digest();
}

function parseState(value: unknown, env: EnvV1, fail: Fail): KeyStateSettings {
  if (value === undefined || value === null) return EMPTY_KEYS_SETTINGS.state;
  if (typeof value !== 'object' || Array.isArray(value)) return fail('"state" must be { store: memory | redis, redisUrl, onError: open | closed }.');
  const { store = 'memory', redisUrl: rawUrl, onError = 'open', ...rest } = value as Record<string, unknown>;
  const redisUrl = rawUrl === undefined ? undefined : expandVariable(rawUrl, env, 'state.redisUrl', fail);
  if (Object.keys(rest).length > 0) fail(`state: unknown field "${Object.keys(rest)[0]}" (expected store, redisUrl, onError).`);
  if (store !== 'memory' && store !== 'redis') fail('state.store must be "memory" or "redis".');
  if (onError !== 'open' && onError !== 'closed') fail('state.onError must be "open" or "closed".');
  if (store === 'redis' && (typeof redisUrl !== 'string' || !/^rediss?:\/\//.test(redisUrl))) fail('state.redisUrl must be a redis:// or rediss:// URL when state.store is "redis".');
  return { store: store as KeyStateSettings['store'], redisUrl, onError: onError as KeyStateSettings['onError'] };
}
