import type { OperationResultV1 } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import type { GatewayState } from '../http/gateway-state.js';
import type { KeyServices } from './create-key-services.js';
import type { AdmissionTicket } from './key-admission.js';
import { isModelAllowed } from './key-directory.js';
import { KeyLimitError, modelNotAllowedError } from './key-limit-errors.js';
import { observeUsage } from './observe-usage.js';

export interface ModelCallGuard {
  /** The request body bytes to send upstream (with `stream_options.include_usage` when the gateway needs the usage). */
  readonly raw: Uint8Array;
  /** The provider's result, with the key's x-ratelimit-* headers and its usage read on the way out. */
  observe(result: OperationResultV1<unknown, unknown>): OperationResultV1<unknown, unknown>;
  /** In `finally`: settles now, or when a streamed answer closes (finished, failed or aborted). */
  release(ctx: Context & { state: GatewayState }): void;
}

export interface ModelCallRequest {
  body: Record<string, unknown>;
  raw: Uint8Array;
  /** The model as the client named it (the allowlist is over these names). */
  model: string;
  /** Routed public model and upstream model, for pricing. */
  priceModels: readonly string[];
  producesCompletion: boolean;
}

const UNGUARDED = {
  observe: (result: OperationResultV1<unknown, unknown>) => result,
  release: () => {},
};

/**
 * The key checks around one model call: the allowlist (403), then, for a key with limits, one
 * admission before the upstream call (429/400/503 when refused) and one settlement after it. Keys
 * without limits (MULTI_AI_PROXY_API_KEYS) and unauthenticated gateways pass untouched.
 */
export async function guardModelCall(
  ctx: Context & { state: GatewayState },
  keys: KeyServices,
  request: ModelCallRequest,
): Promise<ModelCallGuard> {
  const key = ctx.state.key;
  if (!isModelAllowed(key, request.model)) throw modelNotAllowedError(key?.id ?? '', request.model);
  const telemetry = ctx.state.telemetry;
  if (key?.config === undefined) return { raw: request.raw, ...UNGUARDED };
  const { body } = request;
  // Streams report usage only when asked: ask for it, and hide it again if the client did not.
  const options = body.stream_options as { include_usage?: unknown } | null | undefined;
  const askUsage =
    body.stream === true && request.producesCompletion && options?.include_usage !== true;
  let raw = request.raw;
  if (askUsage) {
    body.stream_options = {
      ...(typeof options === 'object' && options !== null ? options : {}),
      include_usage: true,
    };
    raw = Buffer.from(JSON.stringify(body));
  }
  let ticket: AdmissionTicket;
  try {
    ticket = await keys.admission.admit({
      key,
      body,
      bodyBytes: request.raw.byteLength,
      producesCompletion: request.producesCompletion,
      priceModels: request.priceModels,
    });
  } catch (error) {
    if (error instanceof KeyLimitError) telemetry?.limitRejected(error.limit);
    throw error;
  }
  // The cost goes to the access log and the cost metric as soon as the answer reports its usage.
  const sink = {
    recordUsage(usage: Parameters<AdmissionTicket['recordUsage']>[0]) {
      ticket.recordUsage(usage);
      telemetry?.addCost(ticket.costUsd);
    },
  };
  let observed = false;
  return {
    raw,
    observe(result) {
      observed = true;
      const withHeaders = {
        ...result,
        headers: { ...result.headers, ...ticket.headers },
      } as OperationResultV1<unknown, unknown>;
      return observeUsage(withHeaders, sink, askUsage);
    },
    release(ctx) {
      ticket.failed = !observed;
      if (observed && isOpenStream(ctx)) ctx.res.once('close', () => void ticket.settle());
      else void ticket.settle();
    },
  };
}

function isOpenStream(ctx: Context): boolean {
  return (
    typeof (ctx.body as { pipe?: unknown } | null)?.pipe === 'function' &&
    !ctx.res.writableFinished &&
    !ctx.res.destroyed
  );
}
