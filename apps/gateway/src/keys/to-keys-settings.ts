import { createHash } from 'node:crypto';
import type { EnvV1 } from '@multi-ai-proxy/core';
import { ConfigError } from '../config/config-error.js';
import type { GatewayConfigDocument } from '../config/gateway-config-schema.js';
import {
  EMPTY_KEYS_SETTINGS,
  type KeyConfig,
  type KeysSettings,
  type ModelPriceOverride,
} from './keys-settings.js';

const SETTING = 'MULTI_AI_PROXY_CONFIG';

/**
 * The validated `keys`, `prices`, `admin` and `state` sections as the gateway uses them: `${VAR}` read
 * from the environment, every plaintext key hashed here and dropped, so only its SHA-256 lives on.
 */
export function toKeysSettings(
  config: GatewayConfigDocument,
  env: EnvV1,
  path: string,
): KeysSettings {
  const fail = (message: string): never => {
    throw new ConfigError(SETTING, `${path}: ${message}`);
  };
  const digests = new Map<string, string>();
  const keys: KeyConfig[] = (config.keys ?? []).map((entry, index) => {
    const digest =
      entry.sha256 !== undefined
        ? Buffer.from(entry.sha256, 'hex')
        : sha256(expandVariable(entry.key as string, env, `keys[${index}].key`, fail));
    const hex = digest.toString('hex');
    const twin = digests.get(hex);
    if (twin !== undefined)
      fail(
        `keys[${index}] ("${entry.id}") has the same key as "${twin}"; each key must be its own.`,
      );
    digests.set(hex, entry.id);
    return {
      id: entry.id,
      digest,
      models: entry.models,
      rpm: entry.rpm,
      tpm: entry.tpm,
      maxParallel: entry.maxParallel,
      budget: entry.budget,
    };
  });
  const prices = new Map<string, ModelPriceOverride>(Object.entries(config.prices ?? {}));
  const adminDigest = config.admin
    ? sha256(expandVariable(config.admin.key, env, 'admin.key', fail))
    : undefined;
  const state = config.state ?? {};
  const redisUrl =
    state.redisUrl === undefined
      ? env.MULTI_AI_PROXY_REDIS_URL?.trim() || 'redis://127.0.0.1:6379'
      : expandVariable(state.redisUrl, env, 'state.redisUrl', fail);
  const store = state.store ?? 'memory';
  if (store === 'redis' && (redisUrl === undefined || !/^rediss?:\/\//.test(redisUrl)))
    fail('state.redisUrl must be a redis:// or rediss:// URL when state.store is "redis".');
  return {
    keys,
    prices,
    adminDigest,
    state: { store, redisUrl, onError: state.onError ?? EMPTY_KEYS_SETTINGS.state.onError },
  };
}

/** `${NAME}` alone is replaced by that environment variable; other strings are taken literally. */
function expandVariable(
  value: string,
  env: EnvV1,
  at: string,
  fail: (message: string) => never,
): string {
  const reference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value);
  if (reference === null) return value;
  const name = reference[1] as string;
  const resolved = env[name];
  if (resolved === undefined || resolved.length === 0)
    return fail(`${at} names the environment variable ${name}, which is not set.`);
  return resolved;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
