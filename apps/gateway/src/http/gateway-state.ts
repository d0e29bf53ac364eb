import type { ClientCredentialsV1 } from '@multi-ai-proxy/core';
import type { RequestTelemetry } from '../telemetry/request-telemetry.js';
import type { GatewayKey } from '../keys/key-directory.js';

/** What the middleware chain records on `ctx.state` for one request. */
export interface GatewayState {
  requestId: string;
  /** Aborted when the client disconnects (or at a forced shutdown). */
  abortController: AbortController;
  credentials: ClientCredentialsV1 | undefined;
  /** Filled by the route once resolved, for the access log. */
  model?: string;
  provider?: string;
  upstreamModel?: string;
  /** A routed request's upstream attempts (target, status, reason), for the access log. */
  routedAttempts?: { target: string; status: number; reason?: string }[];
  /** Timings, attempts and spans of this request (set by the telemetry middleware). */
  telemetry?: RequestTelemetry;
  /** The gateway key the request authenticated with (its id goes to the access log, never the key). */
  key?: GatewayKey;
}
