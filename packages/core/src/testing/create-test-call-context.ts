import type { CallContextV1 } from '../provider/call-context-v1.js';
import { silentLogger } from './silent-logger.js';

/** A call context for unit tests: a fresh AbortSignal, no credentials, a silent logger. */
export function createTestCallContext(overrides: Partial<CallContextV1> = {}): CallContextV1 {
  return {
    signal: new AbortController().signal,
    requestId: 'req_test',
    model: undefined,
    upstreamModel: undefined,
    headers: {},
    search: '',
    rawBody: undefined,
    credentials: undefined,
    logger: silentLogger,
    ...overrides,
  };
}
