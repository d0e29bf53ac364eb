import type { CallContextV1 } from '../provider/call-context-v1.js';
import type {
  MockUpstreamReply,
  MockUpstreamRoute,
  RecordedUpstreamRequest,
} from './start-mock-upstream.js';

/**
 * `responses`: the scenario's `request` is an OpenAI Responses body, run the way the gateway serves a
 * chat-only provider's `/v1/responses` (translated to chat completions and back; `checkResponsesScenario`).
 *
 * `count_tokens` calls `countTokens(request, context)` with a chat completions request.
 */
export type ScenarioOperation =
  | 'chat.completions'
  | 'completions'
  | 'embeddings'
  | 'models'
  | 'responses'
  | 'count_tokens';

/**
 * One conformance scenario: a recorded upstream answer in, an OpenAI answer out. The kit serves
 * `upstream` from its local mock, calls the provider with `request`, and checks what comes back.
 */
export interface ProviderScenario {
  name: string;
  operation: ScenarioOperation;
  /** The OpenAI request body (the kit fills `context.model`, `upstreamModel` and `rawBody` from it). */
  request?: Record<string, unknown>;
  /** The recorded upstream answer: one reply for any request, or routes. Omit for providers without an upstream. */
  upstream?: MockUpstreamReply | readonly MockUpstreamRoute[];
  /** Overrides for the call context (credentials, headers, …). */
  context?: Partial<CallContextV1>;
  expect?: {
    /** The call must fail with this client-visible status (an upstream error, say). */
    error?: { status: number; headers?: readonly string[] };
    /** A streamed call must end with an error event after its first chunks (a mid-stream upstream error). */
    streamError?: boolean;
    /** Text the answer's first choice must contain (merged deltas for streams). */
    content?: string | RegExp;
    finishReason?: string;
    /** Function names of the first choice's tool calls, in order. */
    toolCalls?: readonly string[];
    /** `responses` scenarios: the Response's `status` (`completed`, `incomplete`). */
    status?: string;
    /** Number of embeddings / models expected; for `count_tokens`, the input tokens expected. */
    count?: number;
  };
  /** Assertions on what the upstream received; return problems or throw. */
  checkUpstream?(
    requests: readonly RecordedUpstreamRequest[],
  ): readonly string[] | undefined | void;
}
