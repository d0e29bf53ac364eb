import type {
  ModelCallContextV1,
  OperationResultV1,
  ProviderCapabilitiesV1,
  ProviderV1,
} from '@multi-ai-proxy/core';
import { UnsupportedOperationError } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import { guardModelCall } from '../keys/guard-model-call.js';
import type { RoutedGroup } from '../router/model-router.js';
import type { Dispatch, ModelDispatch } from '../services/provider-registry.js';
import { callProviderObserved } from '../telemetry/call-provider-observed.js';
import { buildCallContext } from './build-call-context.js';
import { callModelGroup, type GroupCall } from './call-model-group.js';
import type { GatewayState } from './gateway-state.js';
import type { RouteDependencies } from './route-dependencies.js';

export interface ModelCall<J, C> {
  /** The model the client named (the key's allowlist is over these names); undefined = it names none. */
  requestedModel: string | undefined;
  /** One provider (the body and bytes already carry its routed model), or a model group for the router. */
  target: { dispatch: Dispatch } | { group: RoutedGroup };
  capability: keyof ProviderCapabilitiesV1;
  /** For messages: "chat completions", "the files API". */
  operation: string;
  /** The JSON body, when there is one. */
  body: Record<string, unknown> | undefined;
  /** The bytes for the upstream (multipart forms included). */
  raw: Uint8Array | undefined;
  /** A passthrough that generates tokens (Responses, Messages, Gemini generateContent): its estimate reserves a completion. */
  generates?: boolean;
  /** The provider call; undefined (or a method the provider lacks) is an unsupported operation. */
  invoke?(
    provider: ProviderV1,
    body: Record<string, unknown>,
    context: ModelCallContextV1,
  ): Promise<OperationResultV1<J, C>> | undefined;
  /**
   * For a model group whose deployments are called differently (see AttemptCall): each attempt's
   * own call, chosen by its deployment; the results must all be in the shape the route writes.
   */
  attemptFor?: GroupCall<J, C>['attemptFor'];
  /** A model group's passed-through stream that breaks after the commit point ends with this event. */
  streamFailureEvent?: GroupCall<J, C>['streamFailureEvent'];
}

/**
 * The one place every upstream model call goes through — chat completions, completions and
 * embeddings, the chat calls that /v1/responses and /v1/messages are translated to, and every
 * passthrough (files, audio, images, native Responses and Messages, /gemini and /vertex) — on one
 * provider or through the router for a model group. Here the gateway key is checked once per request:
 * the allowlist, then one admission of every limit before any upstream call (a group is admitted once,
 * not per attempt), then one settlement with the usage of the answer that was given (a group's
 * answering attempt), read as the answer goes out.
 */
export async function dispatchModelCall<J, C>(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
  call: ModelCall<J, C>,
): Promise<OperationResultV1<J, C>> {
  const passthrough = call.capability === 'passthrough';
  const guard = await guardModelCall(ctx, deps.keys, {
    model: call.requestedModel,
    body: call.body,
    raw: call.raw,
    priceModels: priceModelsOf(call),
    producesCompletion: passthrough ? call.generates === true : call.capability !== 'embeddings',
    asksStreamUsage: call.capability === 'chatCompletions' || call.capability === 'completions',
    withoutUsage: passthrough ? 'request' : 'estimate',
  });
  try {
    if ('group' in call.target) {
      const result = await callModelGroup(ctx, deps, call.target.group, {
        capability: call.capability,
        operation: call.operation,
        requestedModel: call.requestedModel ?? call.target.group.settings.name,
        body: call.body ?? {},
        raw: guard.raw ?? new Uint8Array(),
        invoke: call.invoke,
        attemptFor: call.attemptFor,
        streamFailureEvent: call.streamFailureEvent,
      });
      // The deployment that answered is the last one dispatched (its model is on the state).
      const state = ctx.state;
      guard.priceAs(
        [state.model, state.upstreamModel].filter((name): name is string => name !== undefined),
      );
      return guard.observe(result);
    }
    return guard.observe(await callOne(ctx, deps, call, call.target.dispatch, guard.raw));
  } catch (error) {
    guard.fail(error);
    throw error;
  }
}

async function callOne<J, C>(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
  call: ModelCall<J, C>,
  dispatch: Dispatch,
  raw: Uint8Array | undefined,
): Promise<OperationResultV1<J, C>> {
  const provider = dispatch.provider;
  if (
    call.capability !== 'passthrough' &&
    call.body?.stream === true &&
    !provider.capabilities.streaming
  )
    throw new UnsupportedOperationError(`streaming ${call.operation}`, provider.instanceName);
  // A passthrough without a model gets a context whose model is undefined, as CallContextV1 allows.
  const context = buildCallContext(ctx, dispatch as ModelDispatch, deps, raw);
  const body = call.body ?? {};
  const result = await callProviderObserved(
    ctx.state.telemetry,
    dispatch,
    call.requestedModel,
    call.body,
    context,
    () => call.invoke?.(provider, body, context),
  );
  if (result === undefined)
    throw new UnsupportedOperationError(call.operation, provider.instanceName);
  return result;
}

/** What the estimate is priced by: the routed and upstream model, else a group's first deployments. */
function priceModelsOf(call: ModelCall<unknown, unknown>): string[] {
  const names: (string | undefined)[] = [];
  if ('group' in call.target) {
    names.push(call.target.group.settings.name);
    for (const deployment of call.target.group.tiers[0] ?? [])
      names.push(deployment.id.slice(deployment.id.indexOf('/') + 1));
  } else {
    names.push(call.target.dispatch.model, call.target.dispatch.upstreamModel, call.requestedModel);
  }
  return names.filter((name): name is string => name !== undefined && name.length > 0);
}
