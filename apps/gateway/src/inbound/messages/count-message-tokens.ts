import type { Context } from 'koa';
import { UnsupportedOperationError } from '@multi-ai-proxy/core';
import { dispatchModelCall } from '../../http/dispatch-model-call.js';
import type { GatewayState } from '../../http/gateway-state.js';
import type { RouteDependencies } from '../../http/route-dependencies.js';
import { writeOperationResult } from '../../http/write-operation-result.js';
import type { ModelDispatch } from '../../services/provider-registry.js';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';
import { estimateInputTokens } from './estimate-input-tokens.js';
import type { MessagesRequest } from './messages-types.js';

/** Says how `input_tokens` was found: the upstream counted (`upstream`) or the gateway guessed (`estimate`). */
export const TOKEN_COUNT_HEADER = 'x-multi-ai-proxy-token-count';

/**
 * `count_tokens` on a provider that does not speak Messages: its own `countTokens` (Gemini and Vertex
 * `:countTokens`, Claude's count endpoints) on the translated request when it has one, else the
 * gateway's estimate (also when it refuses the model as unsupported: Vertex's Model Garden). The answer
 * is Anthropic's `{"input_tokens": n}`; the header says which.
 */
export async function countMessageTokens(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
  dispatch: ModelDispatch,
  body: MessagesRequest,
): Promise<void> {
  const chat = convertMessagesRequestToChat(body);
  const provider = dispatch.provider;
  const estimate = () => {
    ctx.set(TOKEN_COUNT_HEADER, 'estimate');
    writeOperationResult(
      ctx,
      { kind: 'json', body: { input_tokens: estimateInputTokens(chat) } },
      deps.logger,
    );
  };
  if (provider.countTokens === undefined) return estimate();
  chat.model = dispatch.model;
  const chatBody = chat as unknown as Record<string, unknown>;
  let result: unknown;
  try {
    // Through the one dispatch, as the Claude providers' count passthrough: the key's limits count
    // the request (a count generates nothing), its allowlist was checked by the route.
    result = await dispatchModelCall(ctx, deps, {
      requestedModel: body.model,
      target: { dispatch },
      capability: 'passthrough',
      operation: 'token counting',
      body: chatBody,
      raw: Buffer.from(JSON.stringify(chat)),
      invoke: (provider, _body, context) =>
        provider.countTokens?.(chat, context).then((count) => ({
          kind: 'json' as const,
          body: { input_tokens: count.inputTokens },
        })),
    });
  } catch (error) {
    // A provider that counts some of its models only (Vertex: not Model Garden) refuses the rest.
    if (!UnsupportedOperationError.isInstance(error)) throw error;
    return estimate();
  }
  ctx.set(TOKEN_COUNT_HEADER, 'upstream');
  writeOperationResult(ctx, result as { kind: 'json'; body: unknown }, deps.logger);
}
