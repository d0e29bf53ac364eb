import type { PluginContextV1 } from '../plugin/provider-plugin-v1.js';
import { silentLogger } from './silent-logger.js';

export function createTestPluginContext(overrides: Partial<PluginContextV1> = {}): PluginContextV1 {
  return { instanceName: 'test', logger: silentLogger, upstreamTimeoutMs: 10_000, ...overrides };
}
