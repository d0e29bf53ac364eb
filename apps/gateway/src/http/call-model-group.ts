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
import { callProviderObserved } from '../telemetry/call-provider-observed.js';
import { buildCallContext } from './build-call-context.js';
import type { GatewayState } from './gateway-state.js';
import type { RouteDependencies } from './route-dependencies.js';

export interface GroupCall<J, C> {
  capability: keyof ProviderCapabilitiesV1;
  operation: string;
  requestedModel: string;
  body: Record<string, unknown>;
  /** The client's bytes; each attempt gets them with only `model` changed. */
  raw: Uint8Array;
  invoke(
    provider: ProviderV1,
    body: Record<string, unknown>,
    context: ModelCallContextV1,
  ): Promise<OperationResultV1<J, C>> | undefined;
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
        if (stream && !dispatch.provider.capabilities.streaming)
          throw new UnsupportedOperationError(
            `streaming ${call.operation}`,
            dispatch.provider.instanceName,
          );
        const body = { ...call.body, model: dispatch.model };
        const context: ModelCallContextV1 = {
          ...buildCallContext(ctx, dispatch, deps, rewriteJsonModel(call.raw, dispatch.model)),
          signal,
        };
        const result = await callProviderObserved(
          telemetry,
          dispatch,
          call.requestedModel,
          body,
          context,
          () => call.invoke(dispatch.provider, body, context),
          true,
        );
        if (result === undefined)
          throw new UnsupportedOperationError(call.operation, dispatch.provider.instanceName);
        return result;
      },
      onFailure: (deployment, failure) => {
        records.push({ target: deployment.id, status: failure.status, reason: failure.reason });
        telemetry?.attemptFailed(failure.status, failure.reason);
      },
      onMove: (from, kind, reason) => {
        const instance = from.id.slice(0, from.id.indexOf('/'));
        if (kind === 'retry') telemetry?.retry(instance, reason);
        else telemetry?.fallback(instance, reason);
      },
    });
    records.push({ target: routed.deployment.id, status: routed.attempts.at(-1)?.status ?? 200 });
    return routed.result;
  } finally {
    if (last !== undefined) ctx.set('x-multi-ai-proxy-target', last);
    ctx.set('x-multi-ai-proxy-attempts', String(sent));
  }
}
