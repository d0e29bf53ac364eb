import { InvalidRequestError, UnsupportedOperationError } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import { assertModelName } from '../../http/assert-model-name.js';
import type { GatewayState } from '../../http/gateway-state.js';
import { readJsonBody } from '../../http/read-json-body.js';
import type { RouteDependencies } from '../../http/route-dependencies.js';
import { withRoutedModel } from '../../http/routes/model-operation-route.js';
import { forwardPassthrough, type PassthroughSpec } from '../../http/routes/passthrough-route.js';
import { writeOperationResult } from '../../http/write-operation-result.js';
import { isModelAllowed } from '../../keys/key-directory.js';
import { modelNotAllowedError } from '../../keys/key-limit-errors.js';
import type { ModelDispatch } from '../../services/provider-registry.js';
import { completionAsChunks } from '../completion-as-chunks.js';
import { runChatCompletion } from '../run-chat-completion.js';
import { writeEventStream } from '../write-event-stream.js';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';
import { createMessageId } from './create-message-id.js';
import { encodeChatChunksAsMessageEvents } from './encode-chat-chunks-as-message-events.js';
import { encodeChatCompletionAsMessage } from './encode-chat-completion-as-message.js';
import { countMessageTokens, TOKEN_COUNT_HEADER } from './count-message-tokens.js';
import { GATEWAY_THINKING_SIGNATURE } from './gateway-thinking-signature.js';
import type { MessagesRequest } from './messages-types.js';
import { stripGatewayThinkingBlocks } from './strip-gateway-thinking-blocks.js';

const MESSAGES: PassthroughSpec = {
  operation: 'messages',
  params: () => ({ rest: '' }),
  generates: () => true,
};
const COUNT_TOKENS: PassthroughSpec = {
  operation: 'messages',
  params: () => ({ rest: '/count_tokens' }),
};

/**
 * `POST /v1/messages` (Anthropic's Messages API, Claude Code's only API). A provider that speaks Messages
 * itself (the `messages` passthrough: provider-anthropic) gets the client's bytes; any other provider with
 * chat completions gets the request translated to chat and its answer encoded back as a Claude `message`
 * or a Messages event stream. Errors on this route use Anthropic's envelope (the error handler).
 */
export function createMessagesRoute(deps: RouteDependencies) {
  return async (ctx: Context & { state: GatewayState }) => {
    const telemetry = ctx.state.telemetry;
    telemetry?.begin('messages');
    const { body, raw, dispatch } = await readMessagesBody(ctx, deps);
    if (telemetry !== undefined) telemetry.stream = body.stream === true;
    if (dispatch?.provider.capabilities.passthrough.includes('messages')) {
      const bytes = stripGatewayThinkingBlocks(
        body,
        withRoutedModel(body, raw, dispatch.model),
        GATEWAY_THINKING_SIGNATURE,
      );
      await forwardPassthrough(ctx, deps, MESSAGES, dispatch, {
        bytes,
        json: body,
        requestedModel: body.model,
      });
      return;
    }
    if (dispatch !== undefined && !dispatch.provider.capabilities.chatCompletions)
      throw new UnsupportedOperationError('the messages API', dispatch.provider.instanceName);

    const chat = convertMessagesRequestToChat(body);
    const identity = { id: createMessageId(), model: body.model };
    const outcome = await runChatCompletion(ctx, deps, dispatch, chat, body.model);
    if (outcome.kind === 'json' && chat.stream !== true) {
      writeOperationResult(
        ctx,
        { kind: 'json', body: encodeChatCompletionAsMessage(outcome.completion, identity) },
        deps.logger,
      );
      return;
    }
    const chunks =
      outcome.kind === 'chunks' ? outcome.chunks : completionAsChunks(outcome.completion);
    const state = ctx.state;
    writeEventStream(
      ctx,
      encodeChatChunksAsMessageEvents(chunks, identity, {
        signal: state.abortController.signal,
        onError: (error) =>
          deps.logger.warn(
            {
              requestId: state.requestId,
              error: { name: (error as Error)?.name, message: (error as Error)?.message },
            },
            'stream failed after it started',
          ),
      }),
    );
  };
}

/**
 * `POST /v1/messages/count_tokens`: the Claude upstream's own count when the provider speaks Messages
 * (Foundry, Vertex, Anthropic: the client's bytes), else the provider's `countTokens` on the translated
 * request, else an estimate (countMessageTokens). A model group is counted on its first deployment.
 */
export function createCountTokensRoute(deps: RouteDependencies) {
  return async (ctx: Context & { state: GatewayState }) => {
    ctx.state.telemetry?.begin('messages');
    const read = await readMessagesBody(ctx, deps);
    const { body, raw } = read;
    // Counting names a model: a key limited to others may not count on it either.
    if (!isModelAllowed(ctx.state.key, body.model))
      throw modelNotAllowedError(ctx.state.key?.id ?? '', body.model);
    const dispatch = read.dispatch ?? firstDeploymentOf(deps, read.groupTarget as string);
    if (dispatch.provider.capabilities.passthrough.includes('messages')) {
      ctx.set(TOKEN_COUNT_HEADER, 'upstream');
      const bytes = stripGatewayThinkingBlocks(
        body,
        withRoutedModel(body, raw, dispatch.model),
        GATEWAY_THINKING_SIGNATURE,
      );
      await forwardPassthrough(ctx, deps, COUNT_TOKENS, dispatch, {
        bytes,
        json: body,
        requestedModel: body.model,
      });
      return;
    }
    await countMessageTokens(ctx, deps, dispatch, body);
  };
}

function firstDeploymentOf(deps: RouteDependencies, target: string): ModelDispatch {
  return deps.registry.dispatchModel(target, 'passthrough', 'the messages API');
}

async function readMessagesBody(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
): Promise<{
  body: MessagesRequest;
  raw: Uint8Array;
  /** Undefined for a model group: the router picks the deployment (runChatCompletion). */
  dispatch: ModelDispatch | undefined;
  /** A group's first deployment (`instance/model`). */
  groupTarget: string | undefined;
}> {
  const { body, raw } = await readJsonBody(ctx, deps);
  if (typeof body.model !== 'string' || body.model.trim().length === 0) {
    throw new InvalidRequestError('model: Field required (a non-empty string).', {
      param: 'model',
      code: 'missing_required_parameter',
    });
  }
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
    throw new InvalidRequestError('stream: Input should be a valid boolean.', {
      param: 'stream',
      code: 'invalid_type',
    });
  }
  assertModelName(body.model);
  const group = deps.modelRouter?.groupOf(body.model);
  if (group !== undefined)
    return {
      body: body as MessagesRequest,
      raw,
      dispatch: undefined,
      groupTarget: group.tiers[0]?.[0]?.id,
    };
  const dispatch = deps.registry.dispatchModel(body.model, 'passthrough', 'the messages API');
  return { body: body as MessagesRequest, raw, dispatch, groupTarget: undefined };
}
