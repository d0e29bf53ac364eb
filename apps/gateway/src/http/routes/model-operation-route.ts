import type { ModelCallContextV1, OperationResultV1, ProviderV1 } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { rewriteJsonModel } from '@multi-ai-proxy/core/provider-utils';
import type { Context } from 'koa';
import type { ModelOperation } from '../../services/provider-registry.js';
import { inboundApiOf } from '../../telemetry/gen-ai-names.js';
import { assertModelName } from '../assert-model-name.js';
import { dispatchModelCall, type ModelCall } from '../dispatch-model-call.js';
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
    let target: ModelCall<unknown, unknown>['target'];
    let bytes = raw;
    if (group !== undefined) target = { group };
    else {
      const dispatch = deps.registry.dispatchModel(model, spec.capability, spec.operation);
      bytes = withRoutedModel(body, raw, dispatch.model);
      target = { dispatch };
    }
    const result = await dispatchModelCall(ctx, deps, {
      requestedModel: model,
      target,
      capability: spec.capability,
      operation: spec.operation,
      body,
      raw: bytes,
      invoke: spec.invoke.bind(spec),
    });
    writeOperationResult(ctx, result, deps.logger);
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
