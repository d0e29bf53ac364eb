import {
  type ChatCompletionRequest,
  InvalidRequestError,
  UnsupportedOperationError,
} from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import { assertModelName } from '../../http/assert-model-name.js';
import { dispatchModelCall } from '../../http/dispatch-model-call.js';
import type { GatewayState } from '../../http/gateway-state.js';
import { readJsonBody } from '../../http/read-json-body.js';
import type { RouteDependencies } from '../../http/route-dependencies.js';
import { forwardPassthrough, type PassthroughSpec } from '../../http/routes/passthrough-route.js';
import { writeOperationResult } from '../../http/write-operation-result.js';
import { isModelAllowed } from '../../keys/key-directory.js';
import { modelNotAllowedError } from '../../keys/key-limit-errors.js';
import type { RoutedGroup } from '../../router/model-router.js';
import type { ModelDispatch } from '../../services/provider-registry.js';
import { runChatCompletion } from '../run-chat-completion.js';
import { streamEncoderOptions } from '../stream-encoder-options.js';
import { writeEventStream } from '../write-event-stream.js';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';
import { createMessageId } from './create-message-id.js';
import {
  encodeChatOutcomeAsMessages,
  type MessagesResult,
} from './encode-chat-outcome-as-messages.js';
import { countMessageTokens, TOKEN_COUNT_HEADER } from './count-message-tokens.js';
import { formatAnthropicErrorEvent } from './format-anthropic-error-event.js';
import type { MessagesMessage, MessagesRequest, MessagesStreamEvent } from './messages-types.js';
import {
  type MessagesTurn,
  prepareMessagesAttempt,
  speaksMessages,
} from './prepare-messages-attempt.js';
import { toClaudeUpstreamBytes } from './to-claude-upstream-bytes.js';

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
 * or a Messages event stream. A model group makes that choice per attempt (prepareMessagesAttempt), so a
 * fallback from Claude to Gemini, or from one Claude upstream to another, answers in the same shape.
 * Errors on this route use Anthropic's envelope (the error handler).
 */
export function createMessagesRoute(deps: RouteDependencies) {
  return async (ctx: Context & { state: GatewayState }) => {
    const telemetry = ctx.state.telemetry;
    telemetry?.begin('messages');
    const { body, raw, dispatch, group } = await readMessagesBody(ctx, deps);
    if (telemetry !== undefined) telemetry.stream = body.stream === true;
    const turn = messagesTurn(ctx, deps, body);
    if (group !== undefined) {
      // The one dispatch with the group: each attempt passes through or translates (see above).
      const result = await dispatchModelCall<MessagesMessage, MessagesStreamEvent>(ctx, deps, {
        requestedModel: body.model,
        target: { group },
        capability: 'passthrough',
        operation: 'the messages API',
        body,
        raw,
        generates: true,
        attemptFor: (deployment, bytes) => prepareMessagesAttempt(ctx, deployment, bytes, turn),
        streamFailureEvent: formatAnthropicErrorEvent,
      });
      writeMessagesResult(ctx, deps, result);
      return;
    }
    const routed = dispatch as ModelDispatch;
    if (speaksMessages(routed.provider)) {
      const bytes = toClaudeUpstreamBytes(body, raw, routed.model);
      await forwardPassthrough(ctx, deps, MESSAGES, routed, {
        bytes,
        json: body,
        requestedModel: body.model,
      });
      return;
    }
    if (!routed.provider.capabilities.chatCompletions)
      throw new UnsupportedOperationError('the messages API', routed.provider.instanceName);
    const chat = turn.chat();
    const outcome = await runChatCompletion(ctx, deps, routed, chat, body.model);
    writeMessagesResult(
      ctx,
      deps,
      encodeChatOutcomeAsMessages(
        outcome,
        { stream: chat.stream === true, identity: turn.identity },
        turn.events,
      ),
    );
  };
}

/** One request's translation inputs: the client's id and model, the chat request (made once, on need). */
function messagesTurn(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
  request: MessagesRequest,
): MessagesTurn {
  let chat: ChatCompletionRequest | undefined;
  return {
    request,
    identity: { id: createMessageId(), model: request.model },
    chat: () => {
      chat ??= convertMessagesRequestToChat(request);
      return chat;
    },
    events: streamEncoderOptions(ctx, deps.logger),
  };
}

/** A Claude `message` or a Claude upstream's bytes as they are; Messages events as a named-event stream. */
function writeMessagesResult(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
  result: MessagesResult,
): void {
  if (result.kind === 'chunks') writeEventStream(ctx, result.chunks);
  else writeOperationResult(ctx, result, deps.logger);
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
    const dispatch = read.dispatch ?? firstDeploymentOf(deps, read.group as RoutedGroup);
    if (speaksMessages(dispatch.provider)) {
      ctx.set(TOKEN_COUNT_HEADER, 'upstream');
      const bytes = toClaudeUpstreamBytes(body, raw, dispatch.model);
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

function firstDeploymentOf(deps: RouteDependencies, group: RoutedGroup): ModelDispatch {
  return deps.registry.dispatchModel(
    group.tiers[0]?.[0]?.id as string,
    'passthrough',
    'the messages API',
  );
}

async function readMessagesBody(
  ctx: Context & { state: GatewayState },
  deps: RouteDependencies,
): Promise<{
  body: MessagesRequest;
  raw: Uint8Array;
  /** Undefined for a model group: the router picks the deployment. */
  dispatch: ModelDispatch | undefined;
  group: RoutedGroup | undefined;
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
    return { body: body as MessagesRequest, raw, dispatch: undefined, group };
  const dispatch = deps.registry.dispatchModel(body.model, 'passthrough', 'the messages API');
  return { body: body as MessagesRequest, raw, dispatch, group: undefined };
}
