import type {
  ModelCallContextV1,
  OperationResultV1,
  ProviderCapabilitiesV1,
  ProviderV1,
} from '@multi-ai-proxy/core';
import { UnsupportedOperationError } from '@multi-ai-proxy/core';
import { rewriteJsonModel } from '@multi-ai-proxy/core/provider-utils';
import type { Context } from 'koa';
import type { RoutedGroup } from '../router/model-router.js';
import type { RouterRun } from '../router/run-with-router.js';
import type { ModelDispatch } from '../services/provider-registry.js';
import { callProviderObserved } from '../telemetry/call-provider-observed.js';
import { buildCallContext } from './build-call-context.js';
import type { GatewayState } from './gateway-state.js';
import type { RouteDependencies } from './route-dependencies.js';

/**
 * How one attempt calls its deployment when a group's deployments are not all called alike
 * (/v1/messages: a deployment that speaks Messages gets the client's bytes, any other one the chat
 * translation). `shape` runs before the router's commit point, so what it throws is the attempt's
 * failure (retried, or moved on); `finish` turns the answering attempt's result into the one shape the
 * route writes, after the router has wrapped it — so a stream that fails after the commit point still
 * reaches the router's breaker before an encoder turns the failure into the API's error event.
 */
export interface AttemptCall<J, C> {
  /** What the provider is asked for; `passthrough` is not checked (the builder chose it). */
  capability: keyof ProviderCapabilitiesV1;
  /** The body the provider gets, its model already the deployment's. */
  body: Record<string, unknown>;
  /** The bytes for the upstream (`context.rawBody`). */
  raw: Uint8Array;
  invoke(
    provider: ProviderV1,
    body: Record<string, unknown>,
    context: ModelCallContextV1,
  ): Promise<OperationResultV1<unknown, unknown>> | undefined;
  shape?(result: OperationResultV1<unknown, unknown>): Promise<OperationResultV1<unknown, unknown>>;
  finish?(result: OperationResultV1<unknown, unknown>): OperationResultV1<J, C>;
}

export interface GroupCall<J, C> {
  capability: keyof ProviderCapabilitiesV1;
  operation: string;
  requestedModel: string;
  body: Record<string, unknown>;
  /** The client's bytes; each attempt gets them with only `model` changed. */
  raw: Uint8Array;
  invoke?(
    provider: ProviderV1,
    body: Record<string, unknown>,
    context: ModelCallContextV1,
  ): Promise<OperationResultV1<J, C>> | undefined;
  /** Each attempt's own call, chosen by its deployment (instead of `invoke` on the same body). */
  attemptFor?(dispatch: ModelDispatch, raw: Uint8Array): AttemptCall<J, C>;
  /** How a passed-through stream that breaks after the commit point ends (the router's default: OpenAI's). */
  streamFailureEvent?: RouterRun<J, C>['streamFailureEvent'];
}

/**
 * A request whose model is a group, through the router: each attempt is one ordinary dispatch to a
 * deployment (`instance/upstream-model`), observed as one upstream attempt. The answer (or the
 * error) carries `x-multi-ai-proxy-target` and `x-multi-ai-proxy-attempts`.
 */
export async function callModelGroup<J, C>(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
  group: RoutedGroup,
  call: GroupCall<J, C>,
): Promise<OperationResultV1<J, C>> {
  const router = deps.modelRouter as NonNullable<RouteDependencies['modelRouter']>;
  const telemetry = ctx.state.telemetry;
  const stream = call.body.stream === true;
  const records: { target: string; status: number; reason?: string }[] = [];
  ctx.state.routedAttempts = records;
  let sent = 0;
  let last: string | undefined;
  // Attempts run one after another: the last one made is the one that answered.
  let answering: AttemptCall<J, C> | undefined;
  try {
    const routed = await router.run<J, C>(group, {
      signal: ctx.state.abortController.signal,
      request: {
        body: call.body,
        bodyBytes: call.raw.byteLength,
        producesCompletion: call.capability !== 'embeddings',
      },
      attempt: async (deployment, signal) => {
        sent += 1;
        last = deployment.id;
        const dispatch = deps.registry.dispatchModel(
          deployment.id,
          call.capability,
          call.operation,
        );
        const own = call.attemptFor?.(dispatch, call.raw) ?? sameCallOn(call, dispatch);
        answering = own;
        // A passthrough streams if the upstream does; the provider's own answer says so.
        if (stream && own.capability !== 'passthrough' && !dispatch.provider.capabilities.streaming)
          throw new UnsupportedOperationError(
            `streaming ${call.operation}`,
            dispatch.provider.instanceName,
          );
        const context: ModelCallContextV1 = {
          ...buildCallContext(ctx, dispatch, deps, own.raw),
          signal,
        };
        const result = await callProviderObserved(
          telemetry,
          dispatch,
          call.requestedModel,
          own.body,
          context,
          () => own.invoke(dispatch.provider, own.body, context),
          true,
        );
        if (result === undefined)
          throw new UnsupportedOperationError(call.operation, dispatch.provider.instanceName);
        return (own.shape === undefined ? result : await own.shape(result)) as OperationResultV1<
          J,
          C
        >;
      },
      onFailure: (deployment, failure) => {
        records.push({ target: deployment.id, status: failure.status, reason: failure.reason });
        telemetry?.attemptFailed(failure.status, failure.reason);
      },
      streamFailureEvent: call.streamFailureEvent,
      onMove: (from, kind, reason) => {
        const instance = from.id.slice(0, from.id.indexOf('/'));
        if (kind === 'retry') telemetry?.retry(instance, reason);
        else telemetry?.fallback(instance, reason);
      },
    });
    records.push({ target: routed.deployment.id, status: routed.attempts.at(-1)?.status ?? 200 });
    const finish = answering?.finish;
    return finish === undefined
      ? routed.result
      : finish(routed.result as OperationResultV1<unknown, unknown>);
  } finally {
    if (last !== undefined) ctx.set('x-multi-ai-proxy-target', last);
    ctx.set('x-multi-ai-proxy-attempts', String(sent));
  }
}

/** The usual attempt: the group's body and bytes with the deployment's model, the group's call. */
function sameCallOn<J, C>(call: GroupCall<J, C>, dispatch: ModelDispatch): AttemptCall<J, C> {
  return {
    capability: call.capability,
    body: { ...call.body, model: dispatch.model },
    raw: rewriteJsonModel(call.raw, dispatch.model),
    invoke: (provider, body, context) => call.invoke?.(provider, body, context),
  };
}
