import type { EnvV1, PluginContextV1 } from '../plugin/provider-plugin-v1.js';
import { silentLogger } from './silent-logger.js';

export function createTestPluginContext(overrides: Partial<PluginContextV1> & { env?: EnvV1 } = {}): PluginContextV1 {
  return { instanceName: 'test', logger: silentLogger, env: {}, upstreamTimeoutMs: 10_000, isDefault: true, ...overrides };
}
