import type { ResponseStoreSettings } from '../config/gateway-settings.js';
import { MemoryResponseStore } from './memory-response-store.js';
import type { StateConnection } from './open-state-connection.js';
import { RedisResponseStore } from './redis-response-store.js';
import type { ResponseStore } from './response-store.js';

/**
 * The response store `responses.store` asks for, on the backend `state.store` names; undefined when
 * the store is off (the stateless default). With Redis it takes the process's one state connection
 * and error policy (the memory store stays as the `onError: open` fallback); that connection is
 * closed by its owner at shutdown, not by the store.
 */
export function createResponseStore(
  settings: ResponseStoreSettings,
  connection: StateConnection | undefined,
): ResponseStore | undefined {
  if (!settings.enabled) return undefined;
  const memory = new MemoryResponseStore({
    ttlMs: settings.ttlSeconds * 1000,
    maxEntries: settings.maxEntries,
    maxBytes: settings.maxBytes,
    maxResponseBytes: settings.maxResponseBytes,
  });
  if (connection === undefined) return memory;
  return new RedisResponseStore({
    redis: connection.redis,
    errors: connection.errors,
    ttlSeconds: settings.ttlSeconds,
    maxResponseBytes: settings.maxResponseBytes,
    fallback: memory,
  });
}
