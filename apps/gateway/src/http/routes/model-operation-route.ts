import type { ModelCallContextV1, OperationResultV1, ProviderV1 } from '@multi-ai-proxy/core';
import { InvalidRequestError, UnsupportedOperationError } from '@multi-ai-proxy/core';
import { rewriteJsonModel } from '@multi-ai-proxy/core/provider-utils';
import type { Context } from 'koa';
import { guardModelCall } from '../../keys/guard-model-call.js';
import type { ModelOperation } from '../../services/provider-registry.js';
import { callProviderObserved } from '../../telemetry/call-provider-observed.js';
import { inboundApiOf } from '../../telemetry/gen-ai-names.js';
import { assertModelName } from '../assert-model-name.js';
import { buildCallContext } from '../build-call-context.js';
import { callModelGroup } from '../call-model-group.js';
import type { GatewayState } from '../gateway-state.js';
import { readJsonBody } from '../read-json-body.js';
import type { RouteDependencies } from '../route-dependencies.js';
import { writeOperationResult } from '../write-operation-result.js';

export interface ModelOperationSpec {
  capability: ModelOperation;
  /** For messages: "chat completions". */
  operation: string;
  /** The body field that must be present besides `model`, and what it must be. */
  required: { field: string; check: (value: unknown) => boolean; expected: string };
  invoke(
    provider: ProviderV1,
    body: Record<string, unknown>,
    context: ModelCallContextV1,
  ): Promise<OperationResultV1<unknown, unknown>> | undefined;
}

/** Chat completions, completions, embeddings: validate, route by `model`, call the provider, write the result. */
export function createModelOperationRoute(deps: RouteDependencies, spec: ModelOperationSpec) {
  const inbound = inboundApiOf(spec.capability);
  return async (ctx: Context & { state: GatewayState }) => {
    const telemetry = ctx.state.telemetry;
    telemetry?.begin(inbound);
    const { body, raw } = await readJsonBody(ctx, deps);
    const model = body.model;
    if (typeof model !== 'string' || model.trim().length === 0) {
      throw new InvalidRequestError('You must provide a model parameter (a non-empty string).', {
        param: 'model',
        code: 'missing_required_parameter',
      });
    }
    assertModelName(model);
    const value = body[spec.required.field];
    if (!spec.required.check(value)) {
      throw new InvalidRequestError(`'${spec.required.field}' must be ${spec.required.expected}.`, {
        param: spec.required.field,
        code: 'invalid_type',
      });
    }
    if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
      throw new InvalidRequestError("'stream' must be a boolean.", {
        param: 'stream',
        code: 'invalid_type',
      });
    }
    if (telemetry !== undefined) telemetry.stream = body.stream === true;
    const group = deps.modelRouter?.groupOf(model);
    if (group !== undefined) {
      const invoke = spec.invoke.bind(spec);
      const result = await callModelGroup(ctx, deps, group, {
        capability: spec.capability,
        operation: spec.operation,
        requestedModel: model,
        body,
        raw,
        invoke,
      });
      writeOperationResult(ctx, result, deps.logger);
      return;
    }
    const dispatch = deps.registry.dispatchModel(model, spec.capability, spec.operation);
    if (body.stream === true && !dispatch.provider.capabilities.streaming) {
      throw new UnsupportedOperationError(
        `streaming ${spec.operation}`,
        dispatch.provider.instanceName,
      );
    }
    // Key allowlist, then admission against the key's limits; settled in `finally` (or when a stream closes).
    const guard = await guardModelCall(ctx, deps.keys, {
      body,
      raw,
      model,
      priceModels: [dispatch.model, dispatch.upstreamModel],
      producesCompletion: spec.capability !== 'embeddings',
    });
    try {
      const context = buildCallContext(
        ctx,
        dispatch,
        deps,
        withRoutedModel(body, guard.raw, dispatch.model),
      );
      const result = await callProviderObserved(telemetry, dispatch, model, body, context, () =>
        spec.invoke(dispatch.provider, body, context),
      );
      if (result === undefined)
        throw new UnsupportedOperationError(spec.operation, dispatch.provider.instanceName);
      writeOperationResult(ctx, guard.observe(result), deps.logger);
    } finally {
      guard.release(ctx);
    }
  };
}

/**
 * An instance prefix or a config-file alias is the gateway's business: the provider sees the routed
 * model in the body and in the raw bytes (where only that string's bytes change), never `google/...`.
 */
export function withRoutedModel(
  body: Record<string, unknown>,
  raw: Uint8Array,
  routedModel: string | undefined,
): Uint8Array {
  if (routedModel === undefined || body.model === routedModel) return raw;
  body.model = routedModel;
  return rewriteJsonModel(raw, routedModel);
}

export const isNonEmptyArray = (value: unknown) => Array.isArray(value) && value.length > 0;
export const isPromptLike = (value: unknown) => typeof value === 'string' || Array.isArray(value);
