import {
  convertResponsesRequestToChat,
  type ResponsesTranslation,
} from '../inbound/responses/convert-responses-request-to-chat.js';
import { createResponseId } from '../inbound/responses/create-response-id.js';
import { encodeChatChunksAsResponseEvents } from '../inbound/responses/encode-chat-chunks-as-response-events.js';
import { encodeChatCompletionAsResponse } from '../inbound/responses/encode-chat-completion-as-response.js';
import type { ChatCompletion } from '../openai/chat-completion.js';
import type { ChatCompletionChunk } from '../openai/chat-completion-chunk.js';
import type { ResponseObject, ResponseStreamEvent } from '../openai/responses.js';
import type { ProviderV1 } from '../provider/provider-v1.js';
import { mapUpstreamModel } from '../routing/resolve-route.js';
import { checkProviderError } from './check-provider-error.js';
import { checkResponseEvents } from './check-response-events.js';
import { checkResponseObject } from './check-response-object.js';
import { collectOperationResult } from './collect-operation-result.js';
import { createTestCallContext } from './create-test-call-context.js';
import type { ProviderScenario } from './provider-scenario.js';
import type { MockUpstream } from './start-mock-upstream.js';

export interface ResponsesScenarioOutcome {
  problems: string[];
  /** The Response object a `/v1/responses` client would have received (the final one of a stream). */
  response: ResponseObject | undefined;
  /** The stream's events, for a streamed scenario. */
  events: ResponseStreamEvent[] | undefined;
  thrown: unknown;
}

/**
 * A `responses` scenario: what a chat-only provider gives `/v1/responses` clients for free. The
 * scenario's `request` is a Responses body; the kit translates it with the gateway's own functions
 * (`@multi-ai-proxy/core/inbound`), calls the provider's `createChatCompletion` with the result, and
 * encodes the answer back as the gateway does, then checks the Response object or the event stream
 * (with `checkResponseObject` / `checkResponseEvents`) and the scenario's expectations.
 */
export async function checkResponsesScenario(
  provider: ProviderV1,
  scenario: ProviderScenario,
  options: { mock?: MockUpstream; secrets?: readonly string[] } = {},
): Promise<ResponsesScenarioOutcome> {
  const outcome = (problems: string[], thrown?: unknown): ResponsesScenarioOutcome => ({
    problems,
    response: undefined,
    events: undefined,
    thrown,
  });
  const body = { ...(scenario.request ?? {}) };
  let translation: ResponsesTranslation;
  try {
    translation = convertResponsesRequestToChat(body);
  } catch (error) {
    return outcome(
      [`the gateway cannot translate this Responses request: ${describe(error)}`],
      error,
    );
  }
  if (!provider.capabilities.chatCompletions || typeof provider.createChatCompletion !== 'function')
    return outcome([
      'the provider has no createChatCompletion(): /v1/responses is translated to chat completions',
    ]);
  const streamed = translation.chat.stream === true;
  if (streamed && !provider.capabilities.streaming)
    return outcome(['a streamed scenario, but capabilities.streaming is false']);
  const model = translation.chat.model;
  const upstreamModel = mapUpstreamModel(provider, model);
  const chat = { ...translation.chat, model: upstreamModel };
  const context = createTestCallContext({
    model,
    upstreamModel,
    rawBody: new TextEncoder().encode(JSON.stringify(chat)),
    ...scenario.context,
  });
  const identity = {
    id: createResponseId('resp'),
    model,
    createdAt: Math.floor(Date.now() / 1000),
  };

  let response: ResponseObject | undefined;
  let events: ResponseStreamEvent[] | undefined;
  const problems: string[] = [];
  try {
    const collected = await collectOperationResult(
      await provider.createChatCompletion(chat, context),
    );
    if (collected.kind === 'json' && collected.status < 400 && !streamed) {
      response = encodeChatCompletionAsResponse(
        collected.body as ChatCompletion,
        translation,
        identity,
      );
      problems.push(...checkResponseObject(response));
    } else if (collected.kind === 'stream' && streamed) {
      events = [];
      const chunks = replay(collected.chunks as ChatCompletionChunk[], collected.error);
      for await (const event of encodeChatChunksAsResponseEvents(chunks, translation, identity))
        events.push(event);
      const last = events.at(-1);
      response = last?.response as ResponseObject | undefined;
      if (scenario.expect?.streamError) {
        if (last?.type !== 'response.failed' || !events.some((event) => event.type === 'error'))
          problems.push('expected an error event and response.failed, the stream ended normally');
        return { problems, response, events, thrown: undefined };
      }
      problems.push(...checkResponseEvents(events));
    } else {
      problems.push(
        `expected a ${streamed ? 'stream' : 'JSON chat completion'}, got a ${collected.kind} answer with status ${collected.status}`,
      );
    }
  } catch (error) {
    if (scenario.expect?.error !== undefined) {
      problems.push(
        ...checkProviderError(error, { ...scenario.expect.error, secrets: options.secrets ?? [] }),
      );
      return { problems, response: undefined, events: undefined, thrown: error };
    }
    return outcome([`the call threw: ${describe(error)}`], error);
  }
  if (response !== undefined) problems.push(...checkExpectations(scenario, response));
  if (scenario.checkUpstream && options.mock !== undefined) {
    try {
      problems.push(...(scenario.checkUpstream(options.mock.requests) ?? []));
    } catch (error) {
      problems.push(`upstream check failed: ${describe(error)}`);
    }
  }
  return { problems, response, events, thrown: undefined };
}

async function* replay(
  chunks: ChatCompletionChunk[],
  error: unknown,
): AsyncGenerator<ChatCompletionChunk> {
  yield* chunks;
  if (error !== undefined) throw error;
}

function checkExpectations(scenario: ProviderScenario, response: ResponseObject): string[] {
  const expected = scenario.expect ?? {};
  const problems: string[] = [];
  const text = response.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => (part.type === 'output_text' ? part.text : ''))
    .join('');
  if (expected.content !== undefined) {
    const ok =
      typeof expected.content === 'string'
        ? text.includes(expected.content)
        : expected.content.test(text);
    if (!ok)
      problems.push(
        `the response's output_text ${JSON.stringify(text.slice(0, 120))} does not contain ${String(expected.content)}`,
      );
  }
  if (expected.toolCalls !== undefined) {
    const names = response.output
      .filter((item) => item.type === 'function_call' || item.type === 'custom_tool_call')
      .map((item) => (item as { name: string }).name);
    if (JSON.stringify(names) !== JSON.stringify(expected.toolCalls))
      problems.push(
        `function calls must be ${JSON.stringify(expected.toolCalls)}, got ${JSON.stringify(names)}`,
      );
  }
  if (expected.status !== undefined && response.status !== expected.status)
    problems.push(
      `the response status must be ${JSON.stringify(expected.status)}, got ${JSON.stringify(response.status)}`,
    );
  return problems;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
