import type { CallContextV1 } from '@multi-ai-proxy/core';
import { toGatewayError } from '../http/to-gateway-error.js';
import type { AttemptDispatch, RequestTelemetry } from './request-telemetry.js';

/**
 * Calls a provider as one observed upstream attempt: the attempt's report becomes
 * `context.telemetry`, a failure ends the attempt with its status, a result settles it (a stream's
 * attempt ends with the answer). Undefined when the provider lacks the method (nothing is recorded).
 * A router passes `routed`: it ends a failed attempt itself, with its failure reason on the span.
 */
export async function callProviderObserved<T extends { kind: string }>(
  telemetry: RequestTelemetry | undefined,
  dispatch: AttemptDispatch,
  requestedModel: string | undefined,
  requestBody: Record<string, unknown> | undefined,
  context: CallContextV1,
  invoke: () => Promise<T> | undefined,
  routed = false,
): Promise<T | undefined> {
  if (telemetry === undefined) return invoke();
  // The provider's synchronous part (translating the request) counts as the gateway's time: the
  // attempt starts once the call is under way, with the report the provider already holds.
  const report = {};
  context.telemetry = report;
  const pending = invoke();
  if (pending === undefined) return undefined;
  const attempt = telemetry.startAttempt(dispatch, requestedModel, requestBody, report);
  let result: T;
  try {
    result = await pending;
  } catch (error) {
    if (routed) throw error;
    telemetry.endAttempt(
      attempt,
      context.signal.aborted
        ? { status: 499, errorType: 'client_closed' }
        : { status: toGatewayError(error).status },
    );
    throw error;
  }
  telemetry.settleAttempt(attempt, result as { kind: string; body?: unknown });
  if (
    result.kind === 'json' ||
    (result.kind === 'raw' && !isStream((result as { body?: unknown }).body))
  ) {
    telemetry.endAttempt(attempt, { status: (result as { status?: number }).status ?? 200 });
  }
  return result;
}

const isStream = (body: unknown) =>
  typeof (body as { pipe?: unknown } | undefined)?.pipe === 'function';
