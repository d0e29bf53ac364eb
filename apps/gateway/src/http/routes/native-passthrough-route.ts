import type { PassthroughOperationV1 } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import type { GatewayState } from '../gateway-state.js';
import { readJsonBody } from '../read-json-body.js';
import type { RouteDependencies } from '../route-dependencies.js';
import { forwardPassthrough } from './passthrough-route.js';

export interface NativePassthroughSpec {
  /** `gemini.native` or `vertex.native`: the provider that declares it serves the route. */
  operation: PassthroughOperationV1;
  /** The gateway's prefix (`/gemini/`); the rest of the raw path goes to the provider as `params.rest`. */
  prefix: string;
}

const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);
// `…/models/gemini-2.5-flash:generateContent`, `…/publishers/google/models/gemini-2.5-pro:streamGenerateContent`.
const MODEL_IN_PATH = /\/models\/([^/:]+)/;
const GENERATING = /:(generateContent|streamGenerateContent)$/;

/**
 * A native upstream API under the gateway's prefix (`/gemini/v1beta/…`, `/vertex/v1/projects/…`), for
 * teams on Google's own SDKs: gateway keys, limits and logs apply as on every route, the body goes to
 * the provider as the client's bytes (never rewritten: a `model` in it is not a routing name), and the
 * provider that serves the operation (default instance first) answers with the upstream's response. The
 * raw, undecoded path is handed on, so the provider sees any `..` or percent-encoding and refuses it.
 */
export function createNativePassthroughRoute(deps: RouteDependencies, spec: NativePassthroughSpec) {
  const label = `the ${spec.operation} API`;
  return async (ctx: Context & { state: GatewayState }) => {
    ctx.state.telemetry?.begin('passthrough');
    let bytes: Uint8Array | undefined;
    let json: Record<string, unknown> | undefined;
    if (
      !BODYLESS.has(ctx.method) &&
      (ctx.request.length ?? 0) + (ctx.get('transfer-encoding') ? 1 : 0) > 0
    ) {
      const body = await readJsonBody(ctx, deps);
      bytes = body.raw;
      json = body.body;
    }
    const dispatch = deps.registry.dispatchWithoutModel(
      (provider) => provider.capabilities.passthrough.includes(spec.operation),
      label,
    );
    const rest = ctx.path.slice(spec.prefix.length);
    // The model in the URL is what a key's allowlist and prices see (`models/…` on Google's APIs).
    const named = MODEL_IN_PATH.exec(rest)?.[1];
    await forwardPassthrough(
      ctx,
      deps,
      {
        operation: spec.operation,
        params: () => ({ rest }),
        generates: () => GENERATING.test(rest),
      },
      dispatch,
      { bytes, json, requestedModel: named === undefined ? undefined : decodeModel(named) },
    );
  };
}

function decodeModel(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
