import { GatewayError, type OperationResultV1 } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import type { GatewayState } from '../http/gateway-state.js';
import type { KeyServices } from './create-key-services.js';
import type { AdmissionTicket } from './key-admission.js';
import { isModelAllowed } from './key-directory.js';
import { KeyLimitError, modelNotAllowedError } from './key-limit-errors.js';
import { observeUsage } from './observe-usage.js';

export interface ModelCallGuard {
  /** The request body bytes to send upstream (with `stream_options.include_usage` when the gateway needs the usage). */
  readonly raw: Uint8Array | undefined;
  /** The answer, with its usage read on the way out; settles when its body has been read. */
  observe<J, C>(result: OperationResultV1<J, C>): OperationResultV1<J, C>;
  /** The answer came from this deployment (a model group's attempt): price it by these names. */
  priceAs(models: readonly string[]): void;
  /** The call failed before any answer: nothing is charged, the lease is freed now. */
  fail(error: unknown): void;
}

export interface GuardedModelCall {
  /** The model as the client named it (the allowlist is over these names); undefined = names none. */
  model: string | undefined;
  /** The JSON body, when the request has one. */
  body: Record<string, unknown> | undefined;
  raw: Uint8Array | undefined;
  /** Names to price the estimate by, best first. */
  priceModels: readonly string[];
  /** Chat, completions and generating passthroughs produce completion tokens (the estimate reserves them). */
  producesCompletion: boolean;
  /** A chat-completions stream: the gateway asks for its usage chunk (and hides it if the client did not). */
  asksStreamUsage: boolean;
  /** What an answer without a usage report is charged (see AdmissionRequest). */
  withoutUsage: 'estimate' | 'request';
}

const RATE_LIMIT_HEADER = /^x-ratelimit-/i;

const UNGUARDED = {
  observe: <J, C>(result: OperationResultV1<J, C>) => result,
  priceAs: () => {},
  fail: () => {},
};

/**
 * The key checks around one upstream model call, used by the one dispatch place
 * (`http/dispatch-model-call.ts`): the allowlist (403), then, for a key with limits, one admission
 * before the upstream call (429/400/503 when refused) and one settlement after it — when the answer's
 * body has been read (a stream at its end, from its usage events), when the call failed, or at the
 * latest when the response closes (a client abort). The key's x-ratelimit-* headers go on the answer,
 * whatever it is (the upstream's own are dropped); a 429 always carries retry-after. Keys without
 * limits (MULTI_AI_PROXY_API_KEYS) and unauthenticated gateways pass untouched.
 */
export async function guardModelCall(
  ctx: Context & { state: GatewayState },
  keys: KeyServices,
  call: GuardedModelCall,
): Promise<ModelCallGuard> {
  const key = ctx.state.key;
  if (call.model !== undefined && !isModelAllowed(key, call.model))
    throw modelNotAllowedError(key?.id ?? '', call.model);
  if (key?.config === undefined) return { raw: call.raw, ...UNGUARDED };
  const telemetry = ctx.state.telemetry;
  const body = call.body ?? {};
  // Streams report usage only when asked: ask for it, and hide it again if the client did not.
  const options = body.stream_options as { include_usage?: unknown } | null | undefined;
  const askUsage = call.asksStreamUsage && body.stream === true && options?.include_usage !== true;
  let raw = call.raw;
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
      // A multipart upload or a bodyless call is not prompt text: only JSON bodies are estimated.
      bodyBytes: call.body === undefined ? 0 : (call.raw?.byteLength ?? 0),
      producesCompletion: call.producesCompletion,
      priceModels: call.priceModels,
      withoutUsage: call.withoutUsage,
    });
  } catch (error) {
    if (error instanceof KeyLimitError) telemetry?.limitRejected(error.limit);
    throw error;
  }
  ctx.set(ticket.headers);
  let settled = false;
  const settle = () => {
    if (settled) return;
    settled = true;
    // The cost goes to the access log and the cost metric once, with the usage as finally reported.
    telemetry?.addCost(ticket.costUsd);
    void ticket.settle();
  };
  // The backstop: a client abort, or an answer whose body is never read to its end.
  if (ctx.res.destroyed || ctx.res.writableFinished) queueMicrotask(settle);
  else ctx.res.once('close', settle);
  return {
    raw,
    observe(result) {
      const status = result.kind === 'chunks' ? 200 : (result.status ?? 200);
      ticket.failed = status >= 400;
      const headers = withoutRateLimitHeaders(result.headers);
      if (status === 429 && !hasHeader(headers, 'retry-after')) headers['retry-after'] = '1';
      return observeUsage(
        { ...result, headers } as typeof result,
        { recordUsage: (usage) => ticket.recordUsage(usage), end: settle },
        askUsage,
      );
    },
    priceAs: (models) => ticket.priceAs(models),
    fail(error) {
      ticket.failed = true;
      if (
        GatewayError.isInstance(error) &&
        error.status === 429 &&
        !hasHeader(error.headers, 'retry-after')
      )
        error.headers['retry-after'] = '1';
      settle();
    },
  };
}

/** The upstream's x-ratelimit-* describe the gateway's upstream account, not this key: the key's stand. */
function withoutRateLimitHeaders(
  headers: Record<string, string | string[] | undefined> | undefined,
): Record<string, string | string[] | undefined> {
  const kept: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (!RATE_LIMIT_HEADER.test(name)) kept[name] = value;
  return kept;
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
