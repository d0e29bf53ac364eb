import type { ChatCompletionChunk } from '../openai/chat-completion-chunk.js';
import type { ProviderV1 } from '../provider/provider-v1.js';
import { mapUpstreamModel } from '../routing/resolve-route.js';
import { checkCallTelemetry } from './check-call-telemetry.js';
import { checkChatCompletion } from './check-chat-completion.js';
import { checkChatCompletionChunks } from './check-chat-completion-chunks.js';
import { checkCompletion, checkCompletionChunks } from './check-completion.js';
import { checkEmbeddingResponse } from './check-embedding-response.js';
import { checkModelList } from './check-model-list.js';
import { checkOpenAIErrorBody } from './check-openai-error-body.js';
import { checkProviderError } from './check-provider-error.js';
import { checkResponsesScenario } from './check-responses-scenario.js';
import { checkTokenCount } from './check-token-count.js';
import { type CollectedResult, collectOperationResult } from './collect-operation-result.js';
import { createTestCallContext } from './create-test-call-context.js';
import { mergeChatCompletionChunks } from './merge-chat-completion-chunks.js';
import type { ProviderScenario } from './provider-scenario.js';
import type { MockUpstream } from './start-mock-upstream.js';
import { isRecord } from './value-guards.js';

export interface ScenarioOutcome {
  problems: string[];
  /** What the client would have received (undefined when the call threw). */
  result: CollectedResult | undefined;
  thrown: unknown;
}

const METHOD_BY_OPERATION = {
  'chat.completions': 'createChatCompletion',
  completions: 'createCompletion',
  embeddings: 'createEmbedding',
  models: 'listModels',
  count_tokens: 'countTokens',
} as const;

/**
 * Runs one scenario against a provider (whose upstream URL points at `mock`) and returns every
 * problem found: on the OpenAI answer, on the error for failure scenarios, on the upstream side.
 */
export async function checkProviderScenario(
  provider: ProviderV1,
  scenario: ProviderScenario,
  options: { mock?: MockUpstream; secrets?: readonly string[] } = {},
): Promise<ScenarioOutcome> {
  const { mock } = options;
  if (mock !== undefined) {
    const upstream = scenario.upstream;
    mock.reset(
      upstream === undefined
        ? []
        : Array.isArray(upstream)
          ? upstream
          : [{ path: /.*/, reply: upstream as object }],
    );
  }
  if (scenario.operation === 'responses') {
    const outcome = await checkResponsesScenario(provider, scenario, options);
    return {
      problems: outcome.problems,
      result:
        outcome.response === undefined
          ? undefined
          : { kind: 'json', status: 200, headers: {}, body: outcome.response },
      thrown: outcome.thrown,
    };
  }
  const method = METHOD_BY_OPERATION[scenario.operation];
  const implementation = provider[method] as
    | ((...parameters: unknown[]) => Promise<unknown>)
    | undefined;
  if (typeof implementation !== 'function')
    return {
      problems: [`the provider has no ${method}() for ${scenario.operation}`],
      result: undefined,
      thrown: undefined,
    };
  const request = scenario.request ?? {};
  if (request.stream === true && !provider.capabilities.streaming)
    return {
      problems: ['a streamed scenario, but capabilities.streaming is false'],
      result: undefined,
      thrown: undefined,
    };
  const model = typeof request.model === 'string' ? request.model : undefined;
  const context = createTestCallContext({
    model,
    upstreamModel: model === undefined ? undefined : mapUpstreamModel(provider, model),
    rawBody:
      scenario.operation === 'models'
        ? undefined
        : new TextEncoder().encode(JSON.stringify(request)),
    ...scenario.context,
  });

  let result: CollectedResult | undefined;
  let thrown: unknown;
  const startedAt = performance.now();
  try {
    const answer =
      scenario.operation === 'models'
        ? await implementation.call(provider, context)
        : await implementation.call(provider, request, context);
    // listModels and countTokens answer plain values, not operation results.
    result =
      scenario.operation === 'models' || scenario.operation === 'count_tokens'
        ? { kind: 'json', status: 200, headers: {}, body: answer }
        : await collectOperationResult(answer as never);
  } catch (error) {
    thrown = error;
  }
  // Collecting the result read the whole stream, so every time the provider reported lies before now.
  const problems = [
    ...checkAnswer(scenario, result, thrown, options.secrets ?? []),
    ...checkCallTelemetry(context.telemetry, { startedAt, endedAt: performance.now() }),
  ];
  if (scenario.checkUpstream && mock !== undefined) {
    try {
      problems.push(...(scenario.checkUpstream(mock.requests) ?? []));
    } catch (error) {
      problems.push(
        `upstream check failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { problems, result, thrown };
}

function checkAnswer(
  scenario: ProviderScenario,
  result: CollectedResult | undefined,
  thrown: unknown,
  secrets: readonly string[],
): string[] {
  const expected = scenario.expect ?? {};
  if (expected.error !== undefined) {
    if (thrown !== undefined) return checkProviderError(thrown, { ...expected.error, secrets });
    // A passthrough provider may answer the upstream's own error response instead of throwing.
    if (result?.kind === 'json' && result.status === expected.error.status)
      return checkOpenAIErrorBody(result.body);
    return [
      `expected an error with status ${expected.error.status}, got ${result ? `a ${result.kind} answer with status ${result.status}` : 'nothing'}`,
    ];
  }
  if (thrown !== undefined)
    return [
      `the call threw: ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`,
    ];
  if (result === undefined) return ['no result'];
  const request = scenario.request ?? {};
  const streamed = request.stream === true;
  const includeUsage =
    isRecord(request.stream_options) && request.stream_options.include_usage === true;
  const expectedChoices = typeof request.n === 'number' ? request.n : undefined;

  if (streamed) {
    if (result.kind !== 'stream')
      return [`stream: true was requested, got a ${result.kind} answer`];
    const problems: string[] = [];
    if (result.status !== 200)
      problems.push(`a stream must answer status 200, got ${result.status}`);
    if (result.eventsAfterDone > 0)
      problems.push(`${result.eventsAfterDone} event(s) after [DONE]`);
    if (expected.streamError) {
      if (result.error === undefined)
        problems.push('expected the stream to end with an error, it ended normally');
      else problems.push(...checkStreamError(result.error));
      return problems;
    }
    if (result.error !== undefined)
      problems.push(`the stream ended with an error: ${describeError(result.error)}`);
    if (!result.done) problems.push('the stream did not end with data: [DONE]');
    if (scenario.operation === 'completions')
      return [...problems, ...checkCompletionChunks(result.chunks, { includeUsage })];
    problems.push(...checkChatCompletionChunks(result.chunks, { includeUsage, expectedChoices }));
    const merged = mergeChatCompletionChunks(result.chunks as ChatCompletionChunk[]);
    const first = merged.choices[0];
    problems.push(
      ...checkExpectations(
        expected,
        first?.content ?? '',
        first?.finishReason ?? null,
        first?.toolCalls.map((call) => call.name) ?? [],
      ),
    );
    return problems;
  }
  if (result.kind !== 'json') return [`expected a JSON answer, got ${result.kind}`];
  if (result.status !== 200) return [`expected status 200, got ${result.status}`];
  const body = result.body;
  switch (scenario.operation) {
    case 'responses':
      // Checked by checkResponsesScenario before any of this runs.
      return [];
    case 'chat.completions': {
      const problems = checkChatCompletion(body, { expectedChoices });
      const choice =
        isRecord(body) && Array.isArray(body.choices) && isRecord(body.choices[0])
          ? body.choices[0]
          : {};
      const message = isRecord(choice.message) ? choice.message : {};
      const names = Array.isArray(message.tool_calls)
        ? message.tool_calls.map((call) =>
            isRecord(call) && isRecord(call.function) ? String(call.function.name) : '',
          )
        : [];
      problems.push(
        ...checkExpectations(
          expected,
          typeof message.content === 'string' ? message.content : '',
          (choice.finish_reason as string) ?? null,
          names,
        ),
      );
      return problems;
    }
    case 'completions':
      return checkCompletion(body);
    case 'embeddings': {
      const input = request.input;
      const inputCount =
        Array.isArray(input) && (input.length === 0 || typeof input[0] !== 'number')
          ? input.length
          : 1;
      return checkEmbeddingResponse(body, {
        inputCount: expected.count ?? inputCount,
        encodingFormat: request.encoding_format === 'base64' ? 'base64' : 'float',
        dimensions: typeof request.dimensions === 'number' ? request.dimensions : undefined,
      });
    }
    case 'count_tokens':
      return checkTokenCount(body, expected.count);
    case 'models': {
      const problems = checkModelList(body);
      if (expected.count !== undefined && Array.isArray(body) && body.length !== expected.count)
        problems.push(`expected ${expected.count} models, got ${body.length}`);
      return problems;
    }
  }
}

function checkExpectations(
  expected: NonNullable<ProviderScenario['expect']>,
  content: string,
  finishReason: string | null,
  toolCalls: readonly string[],
): string[] {
  const problems: string[] = [];
  if (expected.content !== undefined) {
    const ok =
      typeof expected.content === 'string'
        ? content.includes(expected.content)
        : expected.content.test(content);
    if (!ok)
      problems.push(
        `the answer's content ${JSON.stringify(content.slice(0, 120))} does not contain ${String(expected.content)}`,
      );
  }
  if (expected.finishReason !== undefined && finishReason !== expected.finishReason) {
    problems.push(
      `finish_reason must be ${JSON.stringify(expected.finishReason)}, got ${JSON.stringify(finishReason)}`,
    );
  }
  if (
    expected.toolCalls !== undefined &&
    JSON.stringify(toolCalls) !== JSON.stringify(expected.toolCalls)
  ) {
    problems.push(
      `tool calls must be ${JSON.stringify(expected.toolCalls)}, got ${JSON.stringify(toolCalls)}`,
    );
  }
  return problems;
}

/** A mid-stream failure must reach the client as an OpenAI error: a thrown GatewayError, or an error event. */
function checkStreamError(error: unknown): string[] {
  if (isRecord(error) && 'error' in error && !(error instanceof Error))
    return checkOpenAIErrorBody(error);
  const status = isRecord(error) && typeof error.status === 'number' ? error.status : 500;
  return checkProviderError(error, { status });
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error);
}
