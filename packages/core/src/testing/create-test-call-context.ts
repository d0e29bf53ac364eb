import type { CallContextV1, ModelCallContextV1 } from '../provider/call-context-v1.js';
import { silentLogger } from './silent-logger.js';

type Overrides = Partial<CallContextV1>;

/**
 * A call context for unit tests: a fresh AbortSignal, no credentials, a silent logger, an empty
 * `telemetry` record. Given `model` or
 * `upstreamModel`, the other defaults to it and the result is a model-operation context, as the host
 * builds for chat, completions and embeddings; without either it is a model-less context.
 */
export function createTestCallContext(
  overrides: Overrides & { upstreamModel: string },
): ModelCallContextV1;
export function createTestCallContext(overrides: Overrides & { model: string }): ModelCallContextV1;
export function createTestCallContext(overrides?: Overrides): CallContextV1;
export function createTestCallContext(overrides: Overrides = {}): CallContextV1 {
  return {
    signal: new AbortController().signal,
    requestId: 'req_test',
    headers: {},
    search: '',
    rawBody: undefined,
    credentials: undefined,
    logger: silentLogger,
    // As the host does: a fresh telemetry record per call, for the provider to fill.
    telemetry: {},
    ...overrides,
    model: overrides.model ?? overrides.upstreamModel,
    upstreamModel: overrides.upstreamModel ?? overrides.model,
  };
}
