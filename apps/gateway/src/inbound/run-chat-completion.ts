import type { Readable } from 'node:stream';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  OperationResultV1,
  RawResultV1,
} from '@multi-ai-proxy/core';
import { UnsupportedOperationError, UpstreamApiError } from '@multi-ai-proxy/core';
import { parseSseStream } from '@multi-ai-proxy/core/provider-utils';
import type { Context } from 'koa';
import type { ModelDispatch } from '../services/provider-registry.js';
import { dispatchModelCall } from '../http/dispatch-model-call.js';
import type { GatewayState } from '../http/gateway-state.js';
import type { RouteDependencies } from '../http/route-dependencies.js';

/** A chat completion as an inbound adapter consumes it: one object, or the chunks as they come. */
export type ChatOutcome =
  | { kind: 'json'; completion: ChatCompletion }
  | { kind: 'chunks'; chunks: AsyncIterable<ChatCompletionChunk> };

// A provider that answers chat completions with the upstream's bytes (the `raw` result) is read back
// to JSON for translation; a completion is small, this bounds a misbehaving upstream.
const RAW_JSON_LIMIT_BYTES = 32 * 1024 * 1024;

/**
 * Runs a chat completions request that an inbound API (Responses, Messages) was translated to, on the
 * provider the dispatch chose, or through the router when the requested model is a model group: the
 * provider sees an ordinary chat call (its context built by `buildCallContext` from the translated
 * body), whatever API the client spoke.
 */
export async function runChatCompletion(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
  dispatch: ModelDispatch | undefined,
  request: ChatCompletionRequest,
  requestedModel: string,
): Promise<ChatOutcome> {
  const group = deps.modelRouter?.groupOf(requestedModel);
  if (group === undefined && dispatch === undefined)
    throw new UnsupportedOperationError('chat completions', undefined);
  if (group === undefined && dispatch !== undefined) request.model = dispatch.model;
  // The one dispatch: the key's limits are checked and settled there, from the chunks' usage.
  const result = await dispatchModelCall<ChatCompletion, ChatCompletionChunk>(ctx, deps, {
    requestedModel,
    target: group !== undefined ? { group } : { dispatch: dispatch as ModelDispatch },
    capability: 'chatCompletions',
    operation: 'chat completions',
    body: request as unknown as Record<string, unknown>,
    raw: Buffer.from(JSON.stringify(request)),
    invoke: (provider, body, context) =>
      provider.createChatCompletion?.(body as unknown as ChatCompletionRequest, context),
  });
  return readChatAnswer(ctx, result);
}

/**
 * A provider's chat answer as an inbound adapter reads it: upstream bytes (`raw`) parsed as JSON or
 * SSE, chunks observed for the latest attempt's telemetry (first-chunk time, usage) as they are read.
 */
export async function readChatAnswer(
  ctx: Context & { state: GatewayState },
  result: OperationResultV1<ChatCompletion, ChatCompletionChunk>,
): Promise<ChatOutcome> {
  return observedOutcome(ctx, await toChatOutcome(result, ctx.state.provider ?? 'upstream'));
}

/** The chunks are observed as the host reads them (first-chunk time, usage), as on the chat route. */
function observedOutcome(
  ctx: Context & { state: GatewayState },
  outcome: ChatOutcome,
): ChatOutcome {
  if (outcome.kind === 'json') return outcome;
  const attempt = ctx.state.telemetry?.attempts.at(-1);
  return attempt === undefined
    ? outcome
    : { kind: 'chunks', chunks: observed(outcome.chunks, attempt) };
}

async function* observed(
  chunks: AsyncIterable<ChatCompletionChunk>,
  attempt: { observeChunk(chunk: unknown): void },
): AsyncGenerator<ChatCompletionChunk> {
  for await (const chunk of chunks) {
    attempt.observeChunk(chunk);
    yield chunk;
  }
}

async function toChatOutcome(
  result: OperationResultV1<ChatCompletion, ChatCompletionChunk>,
  providerName: string,
): Promise<ChatOutcome> {
  if (result.kind === 'json') return { kind: 'json', completion: result.body };
  if (result.kind === 'chunks') return { kind: 'chunks', chunks: result.chunks };
  return readRawResult(result, providerName);
}

async function readRawResult(result: RawResultV1, providerName: string): Promise<ChatOutcome> {
  const contentType = String(headerOf(result, 'content-type') ?? '');
  if (result.status < 400 && /^text\/event-stream/i.test(contentType) && isReadable(result.body))
    return { kind: 'chunks', chunks: chunksOf(result.body) };
  const text = await readText(result.body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (result.status >= 400 || parsed === undefined) {
    const error = (
      parsed as
        | { error?: { message?: unknown; type?: unknown; code?: unknown; param?: unknown } }
        | undefined
    )?.error;
    throw new UpstreamApiError({
      provider: providerName,
      status: result.status >= 400 ? result.status : 502,
      message:
        typeof error?.message === 'string'
          ? error.message
          : `The upstream answered ${result.status} with a body that is not a chat completion.`,
      type: typeof error?.type === 'string' ? error.type : undefined,
      code: typeof error?.code === 'string' ? error.code : null,
      param: typeof error?.param === 'string' ? error.param : null,
    });
  }
  return { kind: 'json', completion: parsed as ChatCompletion };
}

async function* chunksOf(body: Readable): AsyncGenerator<ChatCompletionChunk> {
  for await (const message of parseSseStream(body)) {
    if (message.data === '[DONE]') return;
    const data = JSON.parse(message.data) as ChatCompletionChunk & {
      error?: { message?: string; type?: string; code?: string };
    };
    if (data.error !== undefined)
      throw new UpstreamApiError({
        provider: 'upstream',
        status: 502,
        message: data.error.message ?? 'The upstream stream failed.',
        type: data.error.type,
        code: data.error.code ?? null,
      });
    yield data;
  }
}

async function readText(body: RawResultV1['body']): Promise<string> {
  if (typeof body === 'string') return body;
  if (!isReadable(body))
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > RAW_JSON_LIMIT_BYTES) {
      body.destroy();
      throw new UpstreamApiError({
        provider: 'upstream',
        status: 502,
        message: 'The upstream answer is too large to translate.',
      });
    }
    parts.push(buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

function headerOf(result: RawResultV1, name: string): string | string[] | undefined {
  for (const [key, value] of Object.entries(result.headers))
    if (key.toLowerCase() === name) return value;
  return undefined;
}

function isReadable(body: RawResultV1['body']): body is Readable {
  return typeof (body as Readable).pipe === 'function';
}
