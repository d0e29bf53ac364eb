import type { PassthroughOperationV1, ProviderV1 } from '@multi-ai-proxy/core';
import { UnknownModelError, UnsupportedOperationError } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import type { Dispatch } from '../../services/provider-registry.js';
import { assertModelName } from '../assert-model-name.js';
import { dispatchModelCall } from '../dispatch-model-call.js';
import type { GatewayState } from '../gateway-state.js';
import { readJsonBody } from '../read-json-body.js';
import { readMultipartBody } from '../read-multipart-body.js';
import type { RouteDependencies } from '../route-dependencies.js';
import { writeOperationResult } from '../write-operation-result.js';
import { withRoutedModel } from './model-operation-route.js';

export interface PassthroughSpec {
  operation: PassthroughOperationV1;
  /** Path parameters for the provider, from the router's params and the path. */
  params?: (ctx: Context) => Record<string, string>;
  /** A model named in the URL (`/v1/models/:id`, `/deployments/:id`). */
  modelFromPath?: (ctx: Context) => string | undefined;
  /**
   * The call generates tokens (Responses, Messages, Gemini generateContent): a key's TPM estimate
   * reserves a completion for it. Others (files, audio, count_tokens) reserve their JSON prompt only.
   */
  generates?: (ctx: Context) => boolean;
}

const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * Files, audio, images, fine-tuning, responses, deployments: the body goes to the provider as bytes.
 * The provider is chosen by the model in the JSON body, the multipart form or the URL; without one,
 * by the default provider, then the first that serves the operation.
 */
export function createPassthroughRoute(deps: RouteDependencies, spec: PassthroughSpec) {
  const supports = (provider: ProviderV1) =>
    provider.capabilities.passthrough.includes(spec.operation);
  const inbound = spec.operation === 'responses' ? 'responses' : 'passthrough';
  return async (ctx: Context & { state: GatewayState }) => {
    ctx.state.telemetry?.begin(inbound);
    let body: Uint8Array | undefined;
    let model = spec.modelFromPath?.(ctx);
    let modelFromBody = false;
    let jsonBody: Record<string, unknown> | undefined;
    if (!BODYLESS.has(ctx.method) && ctx.is('multipart')) {
      const multipart = await readMultipartBody(ctx, deps.settings.multipartLimitBytes);
      body = multipart.bytes;
      if (multipart.model !== undefined) assertModelName(multipart.model);
      model = multipart.model ?? model;
      modelFromBody = multipart.model !== undefined;
    } else if (
      !BODYLESS.has(ctx.method) &&
      (ctx.request.length ?? 0) + (ctx.get('transfer-encoding') ? 1 : 0) > 0
    ) {
      const json = await readJsonBody(ctx, deps);
      body = json.raw;
      jsonBody = json.body;
      if (typeof json.body.model === 'string' && json.body.model.length > 0) {
        assertModelName(json.body.model);
        model = json.body.model;
        modelFromBody = true;
      }
    }
    const dispatch = dispatchFor(deps, spec.operation, model, modelFromBody, supports);
    if (!supports(dispatch.provider))
      throw new UnsupportedOperationError(
        operationLabel(spec.operation),
        dispatch.provider.instanceName,
      );
    if (jsonBody !== undefined && modelFromBody)
      body = withRoutedModel(jsonBody, body as Uint8Array, dispatch.model);
    await forwardPassthrough(ctx, deps, spec, dispatch, {
      bytes: body,
      json: jsonBody,
      requestedModel: model,
    });
  };
}

/**
 * Hands a request whose body is read and whose provider is chosen to the provider's passthrough,
 * through the one dispatch (key allowlist for a named model, admission, settlement from the usage
 * the answer reports when it is OpenAI-, Anthropic- or Gemini-shaped JSON or SSE).
 */
export async function forwardPassthrough(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
  spec: PassthroughSpec,
  dispatch: Dispatch,
  body: {
    bytes: Uint8Array | undefined;
    json: Record<string, unknown> | undefined;
    /** The model the request names (body, form or URL); the key's allowlist is over it. */
    requestedModel: string | undefined;
  },
): Promise<void> {
  if (ctx.state.telemetry !== undefined) ctx.state.telemetry.stream = body.json?.stream === true;
  const result = await dispatchModelCall(ctx, deps, {
    requestedModel: body.requestedModel,
    target: { dispatch },
    capability: 'passthrough',
    operation: operationLabel(spec.operation),
    body: body.json,
    raw: body.bytes,
    generates: ctx.method === 'POST' && body.json !== undefined && spec.generates?.(ctx) === true,
    invoke: (provider, _json, context) =>
      provider.passthrough?.(
        {
          operation: spec.operation,
          method: ctx.method,
          path: ctx.path,
          params: spec.params?.(ctx) ?? {},
          contentType: ctx.get('content-type') || undefined,
          body: context.rawBody,
        },
        context,
      ),
  });
  writeOperationResult(ctx, result, deps.logger);
}

function dispatchFor(
  deps: RouteDependencies,
  operation: PassthroughOperationV1,
  model: string | undefined,
  modelFromBody: boolean,
  supports: (provider: ProviderV1) => boolean,
): Dispatch {
  if (model !== undefined) {
    try {
      return deps.registry.dispatchModel(model, 'passthrough', operationLabel(operation));
    } catch (error) {
      // An id in a URL (`/deployments/my-deployment`) need not be a routable model name.
      if (modelFromBody || !UnknownModelError.isInstance(error)) throw error;
    }
  }
  return deps.registry.dispatchWithoutModel(supports, operationLabel(operation));
}

function operationLabel(operation: PassthroughOperationV1): string {
  return `the ${operation} API`;
}
