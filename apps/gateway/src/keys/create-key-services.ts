import type { Logger } from 'pino';
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
  close(): Promise<void>;
}

// No request waits long on Redis: a connection attempt and each command are bounded, and commands
// fail at once while disconnected (no offline queue) so the failure policy applies immediately.
const CONNECT_TIMEOUT_MS = 1_000;
const COMMAND_TIMEOUT_MS = 500;

/**
 * The key directory, the state store (memory, or Redis with the failure policy) and the admission.
 * The Redis connection is made here until the shared state room provides its factory.
 */
export async function createKeyServices(
  settings: KeysSettings,
  environmentKeys: readonly string[],
  options: { logger: Logger; leaseMs: number },
): Promise<KeyServices> {
  const memory = new MemoryKeyStateStore();
  let primary: MemoryKeyStateStore | RedisKeyStateStore = memory;
  if (settings.state.store === 'redis' && settings.keys.length > 0) {
    // ioredis (~14 MB of RSS) is loaded only by a gateway that uses Redis.
    const { Redis } = await import('ioredis');
    const redis = new Redis(settings.state.redisUrl as string, {
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: COMMAND_TIMEOUT_MS,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      lazyConnect: true,
    });
    // Connection errors surface through commands (and the policy's once-a-minute log), not as crashes.
    redis.on('error', () => {});
    await redis
      .connect()
      .catch((error: Error) =>
        options.logger.warn(
          { error: { name: error.name, message: error.message } },
          'key state store unreachable at startup',
        ),
      );
    primary = new RedisKeyStateStore(redis);
  }
  const store = new FailOverKeyStateStore(primary, memory, {
    onError: settings.state.onError,
    logger: options.logger,
  });
  const prices = createPriceTable(settings.prices);
  return {
    settings,
    directory: new KeyDirectory(settings.keys, environmentKeys),
    admission: new KeyAdmission(store, prices, { leaseMs: options.leaseMs }),
    store,
    prices,
    close: () => primary.close(),
  };
}
