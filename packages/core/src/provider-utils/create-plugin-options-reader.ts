import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import type { EnvV1 } from '../plugin/provider-plugin-v1.js';

export interface NumberLimits {
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** Named in the error: "must be a whole number of milliseconds ≥ 0". */
  unit?: string;
}

/**
 * One plugin's settings: the instance's `options` from the config file, completed from environment
 * variables (the config file wins). Every getter takes the option key and, optionally, the variable
 * that may supply it; errors are InvalidPluginOptionsError naming the provider and the setting the
 * value came from (`options.<key>` from the file, the variable's name from the environment), never
 * the value (it may be a secret).
 *
 * One set of rules for every provider:
 * - unset: a missing key, `null` in the file, or an empty (whitespace-only) string in either place;
 * - strings are trimmed (`{ trim: false }` keeps them as given);
 * - booleans: `true/false/1/0/yes/no/on/off`, case-insensitive (file booleans too);
 * - numbers: a number in the file, or a decimal string in either place, checked against the limits;
 * - lists: an array of non-empty strings in the file, or a comma-separated string (empty entries dropped);
 * - alias maps (`alias=model`): `a=b,c=d` in either place, or a file mapping; alias names are
 *   lower-cased, the environment is laid over the defaults, the file over both, and an empty target
 *   (`null` in the file) removes an alias.
 */
export interface PluginOptionsReader {
  string(key: string, envName?: string, options?: { trim?: boolean }): string | undefined;
  boolean(key: string, envName?: string): boolean | undefined;
  number(key: string, envName?: string, limits?: NumberLimits): number | undefined;
  list(key: string, envName?: string): string[] | undefined;
  oneOf<T extends string>(
    key: string,
    envName: string | undefined,
    allowed: readonly T[],
  ): T | undefined;
  aliases(
    key: string,
    envName?: string,
    defaults?: Readonly<Record<string, string>>,
  ): Record<string, string>;
  /** A nested mapping of the file (`remoteMedia: { … }`); its keys are named `options.remoteMedia.<key>`. */
  section(key: string): PluginOptionsReader;
  /** Refuses file keys the plugin does not know (typos would otherwise be ignored silently). */
  assertKnownKeys(keys: readonly string[]): void;
  /** Where the value of this setting comes from: `options.<key>` when the file sets it, else the variable. */
  settingOf(key: string, envName?: string): string;
  /** Throws the InvalidPluginOptionsError for this setting (for checks of the plugin's own, e.g. a URL). */
  fail(key: string, envName: string | undefined, problem: string): never;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** The reader over `raw` (the config file's `options`, possibly undefined) and `env`. */
export function createPluginOptionsReader(
  provider: string,
  raw: unknown,
  env: EnvV1,
): PluginOptionsReader {
  if (raw !== undefined && raw !== null && !isMapping(raw))
    throw new InvalidPluginOptionsError(
      provider,
      'options',
      'must be an object (a mapping of settings).',
    );
  return createReader(provider, (raw ?? {}) as Record<string, unknown>, env, 'options.');
}

function createReader(
  provider: string,
  file: Record<string, unknown>,
  env: EnvV1,
  prefix: string,
): PluginOptionsReader {
  const fileValue = (key: string): unknown =>
    Object.hasOwn(file, key) && file[key] !== null ? file[key] : undefined;
  const fail = (setting: string, problem: string): never => {
    throw new InvalidPluginOptionsError(provider, setting, problem);
  };
  const fileSetting = (key: string) => `${prefix}${key}`;
  const envText = (envName: string | undefined): string | undefined => {
    if (envName === undefined) return undefined;
    const value = env[envName];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  /** The raw value and the setting it came from, or undefined when neither place sets it. */
  const lookup = (
    key: string,
    envName: string | undefined,
  ): { value: unknown; setting: string } | undefined => {
    const value = fileValue(key);
    if (value !== undefined && !(typeof value === 'string' && value.trim() === ''))
      return { value, setting: fileSetting(key) };
    const text = envText(envName);
    return text === undefined || envName === undefined
      ? undefined
      : { value: text, setting: envName };
  };

  const reader: PluginOptionsReader = {
    string(key, envName, options) {
      const found = lookup(key, envName);
      if (found === undefined) return undefined;
      if (typeof found.value !== 'string') return fail(found.setting, 'must be a string.');
      return options?.trim === false ? found.value : found.value.trim();
    },

    boolean(key, envName) {
      const found = lookup(key, envName);
      if (found === undefined) return undefined;
      if (typeof found.value === 'boolean') return found.value;
      const word = typeof found.value === 'string' ? found.value.trim().toLowerCase() : undefined;
      if (word !== undefined && TRUE.has(word)) return true;
      if (word !== undefined && FALSE.has(word)) return false;
      return fail(found.setting, 'must be true or false (or 1/0, yes/no, on/off).');
    },

    number(key, envName, limits = {}) {
      const found = lookup(key, envName);
      if (found === undefined) return undefined;
      const value =
        typeof found.value === 'number'
          ? found.value
          : typeof found.value === 'string' &&
              /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(found.value)
            ? Number(found.value)
            : Number.NaN;
      const fits =
        Number.isFinite(value) &&
        (!limits.integer || Number.isInteger(value)) &&
        (limits.min === undefined || value >= limits.min) &&
        (limits.max === undefined || value <= limits.max);
      return fits ? value : fail(found.setting, `must be ${describeNumber(limits)}.`);
    },

    list(key, envName) {
      const found = lookup(key, envName);
      if (found === undefined) return Array.isArray(fileValue(key)) ? [] : undefined;
      if (typeof found.value === 'string') return splitList(found.value);
      if (
        !Array.isArray(found.value) ||
        found.value.some((entry) => typeof entry !== 'string' || entry.trim() === '')
      ) {
        return fail(
          found.setting,
          'must be a list of non-empty strings (or one comma-separated string).',
        );
      }
      return found.value.map((entry: string) => entry.trim());
    },

    oneOf(key, envName, allowed) {
      const value = reader.string(key, envName);
      if (value === undefined) return undefined;
      const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
      return (
        match ??
        fail(
          reader.settingOf(key, envName),
          `must be ${allowed
            .map((candidate) => `"${candidate}"`)
            .join(', ')
            .replace(/, ([^,]*)$/, ' or $1')}.`,
        )
      );
    },

    aliases(key, envName, defaults = {}) {
      const table = new Map(
        Object.entries(defaults).map(([alias, target]) => [alias.toLowerCase(), target]),
      );
      const apply = (alias: string, target: string | null, setting: string) => {
        const name = alias.trim().toLowerCase();
        if (name === '') fail(setting, 'has an empty alias name.');
        if (target === null || target.trim() === '') table.delete(name);
        else table.set(name, target.trim());
      };
      const applyText = (text: string, setting: string) => {
        for (const entry of text.split(',')) {
          if (entry.trim() === '') continue;
          const parts = entry.split('=');
          if (parts.length !== 2)
            fail(
              setting,
              'must be a comma-separated list of alias=model pairs (an empty model removes a default alias).',
            );
          apply(parts[0] as string, parts[1] as string, setting);
        }
      };
      const fromEnv = envText(envName);
      if (fromEnv !== undefined && envName !== undefined) applyText(fromEnv, envName);
      const value = fileValue(key);
      if (typeof value === 'string') applyText(value, fileSetting(key));
      else if (value !== undefined) {
        if (!isMapping(value))
          fail(
            fileSetting(key),
            'must map alias names to model names (null removes a default alias).',
          );
        for (const [alias, target] of Object.entries(value as Record<string, unknown>)) {
          if (target !== null && typeof target !== 'string')
            fail(
              fileSetting(key),
              `has a target for "${alias}" that is not a model name (string).`,
            );
          apply(alias, target as string | null, fileSetting(key));
        }
      }
      return Object.fromEntries(table);
    },

    section(key) {
      const value = fileValue(key);
      if (value !== undefined && !isMapping(value))
        fail(fileSetting(key), 'must be an object (a mapping of settings).');
      return createReader(
        provider,
        (value ?? {}) as Record<string, unknown>,
        env,
        `${prefix}${key}.`,
      );
    },

    assertKnownKeys(keys) {
      for (const key of Object.keys(file)) {
        if (!keys.includes(key))
          fail(fileSetting(key), `is not an option of this plugin (known: ${keys.join(', ')}).`);
      }
    },

    settingOf: (key, envName) => lookup(key, envName)?.setting ?? envName ?? fileSetting(key),

    fail: (key, envName, problem) => fail(reader.settingOf(key, envName), problem),
  };
  return reader;
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function describeNumber(limits: NumberLimits): string {
  const kind = `${limits.integer ? 'a whole number' : 'a number'}${limits.unit ? ` of ${limits.unit}` : ''}`;
  if (limits.min !== undefined && limits.max !== undefined)
    return `${kind} between ${limits.min} and ${limits.max}`;
  if (limits.min !== undefined) return `${kind} ≥ ${limits.min}`;
  if (limits.max !== undefined) return `${kind} ≤ ${limits.max}`;
  return kind;
}
