import { createHash, timingSafeEqual } from 'node:crypto';
import type { ClientCredentialsV1 } from '@multi-ai-proxy/core';
import { matchModelPattern } from '@multi-ai-proxy/core';
import type { KeyConfig } from './keys-settings.js';

/** A key a request was authenticated with: a configured key, or one of MULTI_AI_PROXY_API_KEYS (no limits). */
export interface GatewayKey {
  id: string;
  /** Limits and allowlist; undefined for a MULTI_AI_PROXY_API_KEYS key, which is unlimited and not accounted. */
  config: KeyConfig | undefined;
}

/**
 * Every gateway key as a SHA-256 digest. A presented key is hashed and compared with every digest in
 * constant time, without an early exit, so timing tells nothing about which key (if any) matched.
 */
export class KeyDirectory {
  private readonly entries: ReadonlyArray<{ digest: Buffer; key: GatewayKey }>;
  readonly byId: ReadonlyMap<string, KeyConfig>;

  constructor(configured: readonly KeyConfig[], environmentKeys: readonly string[]) {
    this.entries = [
      ...configured.map((config) => ({ digest: config.digest, key: { id: config.id, config } })),
      ...environmentKeys.map((plaintext, index) => ({
        digest: sha256(plaintext),
        key: { id: `env-${index + 1}`, config: undefined },
      })),
    ];
    this.byId = new Map(configured.map((config) => [config.id, config]));
  }

  /** Whether any key is configured (else the gateway forwards client credentials to providers). */
  get enabled(): boolean {
    return this.entries.length > 0;
  }

  /** `anthropicKey`: the `x-api-key` header, how Anthropic's SDKs and Claude Code send a key. */
  identify(credentials: ClientCredentialsV1, anthropicKey?: string): GatewayKey | undefined {
    let found: GatewayKey | undefined;
    for (const offered of [credentials.bearer, credentials.apiKey, anthropicKey]) {
      if (!offered) continue;
      const digest = sha256(offered);
      for (const entry of this.entries) {
        if (timingSafeEqual(digest, entry.digest) && found === undefined) found = entry.key;
      }
    }
    return found;
  }
}

/** Whether a key may use `model`: no allowlist = every model; else any glob matches (case-insensitive). */
export function isModelAllowed(key: GatewayKey | undefined, model: string): boolean {
  const patterns = key?.config?.models;
  return patterns === undefined || patterns.some((pattern) => matchModelPattern(pattern, model));
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
