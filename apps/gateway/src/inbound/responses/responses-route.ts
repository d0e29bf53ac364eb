import { InvalidRequestError, UnsupportedOperationError } from '@multi-ai-proxy/core';
import {
  convertResponsesRequestToChat,
  createResponseId,
  encodeChatChunksAsResponseEvents,
  encodeChatCompletionAsResponse,
} from '@multi-ai-proxy/core/inbound';
import type { Context } from 'koa';
import type { GatewayState } from '../../http/gateway-state.js';
import { readJsonBody } from '../../http/read-json-body.js';
import type { RouteDependencies } from '../../http/route-dependencies.js';
import { forwardPassthrough, type PassthroughSpec } from '../../http/routes/passthrough-route.js';
import { withRoutedModel } from '../../http/routes/model-operation-route.js';
import { writeOperationResult } from '../../http/write-operation-result.js';
import { completionAsChunks } from '../completion-as-chunks.js';
import { runChatCompletion } from '../run-chat-completion.js';
import { streamEncoderOptions } from '../stream-encoder-options.js';
import { writeEventStream } from '../write-event-stream.js';
import { prepareStoredTurn } from './prepare-stored-turn.js';
import { responseOwnerOf } from './response-owner.js';
import { saveBeforeCompletion } from './save-before-completion.js';

const PASSTHROUGH: PassthroughSpec = {
  operation: 'responses',
  params: () => ({ responseId: '', rest: '' }),
  generates: () => true,
};

/**
 * `POST /v1/responses`. A provider that speaks the Responses API itself (it declares the `responses`
 * passthrough: Azure, OpenAI-compatible) gets the client's bytes; any other provider with chat
 * completions gets the request translated to chat and its answer encoded back as a Response object
 * or a Responses event stream.
 */
export function createResponsesRoute(deps: RouteDependencies) {
  return async (ctx: Context & { state: GatewayState }) => {
    const telemetry = ctx.state.telemetry;
    telemetry?.begin('responses');
    const { body, raw } = await readJsonBody(ctx, deps);
    const model = body.model;
    if (typeof model !== 'string' || model.trim().length === 0) {
      throw new InvalidRequestError('You must provide a model parameter (a non-empty string).', {
        param: 'model',
        code: 'missing_required_parameter',
      });
    }
    if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
      throw new InvalidRequestError("'stream' must be a boolean.", {
        param: 'stream',
        code: 'invalid_type',
      });
    }
    if (telemetry !== undefined) telemetry.stream = body.stream === true;
    // A model group is routed on the translated chat path (the router retries and falls back there).
    const routed = deps.modelRouter?.groupOf(model) !== undefined;
    const dispatch = routed
      ? undefined
      : deps.registry.dispatchModel(model, 'passthrough', 'the responses API');
    if (dispatch !== undefined) {
      const provider = dispatch.provider;
      if (provider.capabilities.passthrough.includes('responses')) {
        const bytes = withRoutedModel(body, raw, dispatch.model);
        await forwardPassthrough(ctx, deps, PASSTHROUGH, dispatch, {
          bytes,
          json: body,
          requestedModel: model,
        });
        return;
      }
      if (!provider.capabilities.chatCompletions)
        throw new UnsupportedOperationError('the responses API', provider.instanceName);
    }

    // The response store (when on) replays `previous_response_id` and keeps this response.
    const turn = await prepareStoredTurn(
      deps.responseStore,
      responseOwnerOf(ctx.state),
      body,
      deps.logger,
    );
    const translation = convertResponsesRequestToChat(turn.body, turn.conversion);
    const identity = {
      id: createResponseId('resp'),
      model,
      createdAt: Math.floor(Date.now() / 1000),
    };
    const outcome = await runChatCompletion(ctx, deps, dispatch, translation.chat, model);
    if (outcome.kind === 'json') {
      const response = encodeChatCompletionAsResponse(outcome.completion, translation, identity);
      if (translation.chat.stream !== true) {
        if (response.store === true && !(await turn.save(response))) response.store = false;
        writeOperationResult(ctx, { kind: 'json', body: response }, deps.logger);
        return;
      }
      // A provider that answered a streamed call in one piece: its completion streamed as one chunk each.
      writeEventStream(
        ctx,
        saveBeforeCompletion(
          encodeChatChunksAsResponseEvents(
            completionAsChunks(outcome.completion),
            translation,
            identity,
          ),
          turn.save,
        ),
      );
      return;
    }
    writeEventStream(
      ctx,
      saveBeforeCompletion(
        encodeChatChunksAsResponseEvents(
          outcome.chunks,
          translation,
          identity,
          streamEncoderOptions(ctx, deps.logger),
        ),
        turn.save,
      ),
    );
  };
}
