import type { StateConnection } from '../state/open-state-connection.js';
import { RedisErrorPolicy } from '../state/redis-error-policy.js';
import { FailOverKeyStateStore } from './fail-over-key-state-store.js';
import { KeyAdmission } from './key-admission.js';
import { KeyDirectory } from './key-directory.js';
import type { KeysSettings } from './keys-settings.js';
import { MemoryKeyStateStore } from './memory-key-state-store.js';
import { createPriceTable, type PriceTable } from './price-table.js';
import { RedisKeyStateStore } from './redis-key-state-store.js';

/** Everything the HTTP layer needs for gateway keys, built once at startup. */
export interface KeyServices {
  settings: KeysSettings;
  directory: KeyDirectory;
  admission: KeyAdmission;
  store: FailOverKeyStateStore;
  prices: PriceTable;
}

// Without Redis the memory store cannot fail: the policy is never asked.
const MEMORY_ONLY = new RedisErrorPolicy('open', () => {});

/**
 * The key directory, the state store (memory, or Redis on the state room's one connection with its
 * error policy) and the admission. The connection is the state room's: it is closed at shutdown there.
 */
export function createKeyServices(
  settings: KeysSettings,
  environmentKeys: readonly string[],
  connection: StateConnection | undefined,
): KeyServices {
  const memory = new MemoryKeyStateStore();
  const redis =
    connection !== undefined && settings.keys.length > 0
      ? new RedisKeyStateStore(connection.redis)
      : undefined;
  const store = new FailOverKeyStateStore(
    redis ?? memory,
    memory,
    redis === undefined ? MEMORY_ONLY : (connection as StateConnection).errors,
  );
  const prices = createPriceTable(settings.prices);
  return {
    settings,
    directory: new KeyDirectory(settings.keys, environmentKeys),
    admission: new KeyAdmission(store, prices),
    store,
    prices,
  };
}
