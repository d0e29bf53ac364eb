import { describe, expect, it } from 'vitest';
import type { ChatCompletion } from '../openai/chat-completion.js';
import type { ChatCompletionChunk } from '../openai/chat-completion-chunk.js';
import type { ChatCompletionRequest } from '../openai/chat-completion-request.js';
import type { ProviderV1 } from '../provider/provider-v1.js';
import { checkResponseEvents } from './check-response-events.js';
import { checkResponsesScenario } from './check-responses-scenario.js';

type Answer = { text?: string; call?: { name: string; arguments: string }; totalTokens?: number };

/** A minimal chat-only provider, as a third-party plugin would write one: no Responses code at all. */
function chatOnlyProvider(answer: Answer, seen: ChatCompletionRequest[] = []): ProviderV1 {
  const usage = { prompt_tokens: 5, completion_tokens: 3, total_tokens: answer.totalTokens ?? 8 };
  const toolCalls = answer.call
    ? [{ id: 'call_1', type: 'function' as const, function: answer.call }]
    : undefined;
  return {
    contractVersion: 1,
    instanceName: 'mini',
    capabilities: {
      chatCompletions: true,
      streaming: true,
      completions: false,
      embeddings: false,
      listModels: false,
      passthrough: [],
    },
    async createChatCompletion(request) {
      seen.push(request);
      const finish = toolCalls ? 'tool_calls' : 'stop';
      if (request.stream !== true) {
        const body: ChatCompletion = {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1_700_000_000,
          model: request.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: answer.text ?? null, tool_calls: toolCalls },
              finish_reason: finish,
              logprobs: null,
            },
          ],
          usage,
        };
        return { kind: 'json', body };
      }
      const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
        ({
          id: 'chatcmpl-1',
          object: 'chat.completion.chunk',
          created: 1_700_000_000,
          model: request.model,
          choices: [{ index: 0, delta, finish_reason: finishReason }],
        }) as ChatCompletionChunk;
      async function* chunks(): AsyncGenerator<ChatCompletionChunk> {
        if (answer.text) yield chunk({ role: 'assistant', content: answer.text }, null);
        if (toolCalls)
          yield chunk({ tool_calls: toolCalls.map((call, index) => ({ index, ...call })) }, null);
        yield { ...chunk({}, finish), usage };
      }
      return { kind: 'chunks', chunks: chunks() };
    },
  };
}

const tools = [{ type: 'function', name: 'lookup', parameters: { type: 'object' } }];

describe('checkResponsesScenario', () => {
  it('runs a Responses request through the gateway translation: the provider sees chat, the client a Response', async () => {
    const seen: ChatCompletionRequest[] = [];
    const outcome = await checkResponsesScenario(chatOnlyProvider({ text: 'Paris.' }, seen), {
      name: 'text',
      operation: 'responses',
      request: { model: 'mini-1', instructions: 'Be brief.', input: 'Capital of France?' },
      expect: { content: 'Paris', status: 'completed' },
    });
    expect(outcome.problems).toEqual([]);
    expect(seen[0]?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Capital of France?' },
    ]);
    expect(outcome.response).toMatchObject({
      object: 'response',
      status: 'completed',
      usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8 },
    });
  });

  it('checks a streamed tool call event by event', async () => {
    const outcome = await checkResponsesScenario(
      chatOnlyProvider({ call: { name: 'lookup', arguments: '{"q":"x"}' } }),
      {
        name: 'stream tool',
        operation: 'responses',
        request: { model: 'mini-1', input: 'Look it up.', tools, stream: true },
        expect: { toolCalls: ['lookup'] },
      },
    );
    expect(outcome.problems).toEqual([]);
    expect(outcome.events?.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
  });

  it('reports what a Responses client would trip over', async () => {
    const badArguments = await checkResponsesScenario(
      chatOnlyProvider({ call: { name: 'lookup', arguments: 'not json' } }),
      { name: 'args', operation: 'responses', request: { model: 'm', input: 'x', tools } },
    );
    expect(badArguments.problems).toEqual([
      'response.output[0].arguments must be JSON, got "not json"',
    ]);
    const badUsage = await checkResponsesScenario(chatOnlyProvider({ text: 'a', totalTokens: 2 }), {
      name: 'usage',
      operation: 'responses',
      request: { model: 'm', input: 'x', stream: true },
    });
    expect(badUsage.problems).toEqual([
      'response.completed.response.usage.total_tokens must equal input_tokens + output_tokens (5 + 3)',
    ]);
    const wrongText = await checkResponsesScenario(chatOnlyProvider({ text: 'Lyon.' }), {
      name: 'text',
      operation: 'responses',
      request: { model: 'm', input: 'x' },
      expect: { content: 'Paris' },
    });
    expect(wrongText.problems).toEqual([
      `the response's output_text "Lyon." does not contain Paris`,
    ]);
    const untranslatable = await checkResponsesScenario(chatOnlyProvider({ text: 'a' }), {
      name: 'hosted tool',
      operation: 'responses',
      request: { model: 'm', input: 'x', tools: [{ type: 'file_search' }] },
    });
    expect(untranslatable.problems[0]).toMatch(
      /^the gateway cannot translate this Responses request/,
    );
  });

  it('refuses a streamed scenario for a provider that cannot stream', async () => {
    const provider = chatOnlyProvider({ text: 'a' });
    const outcome = await checkResponsesScenario(
      { ...provider, capabilities: { ...provider.capabilities, streaming: false } },
      { name: 's', operation: 'responses', request: { model: 'm', input: 'x', stream: true } },
    );
    expect(outcome.problems).toEqual(['a streamed scenario, but capabilities.streaming is false']);
  });
});

describe('checkResponseEvents', () => {
  const response = (output: unknown[]) => ({
    id: 'resp_1',
    object: 'response',
    created_at: 1_700_000_000,
    status: 'completed',
    output,
    usage: {
      input_tokens: 1,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 1,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 2,
    },
  });
  const item = {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: 'Hi', annotations: [] }],
  };

  it('accepts the lifecycle in order', () => {
    expect(
      checkResponseEvents([
        { type: 'response.created', sequence_number: 0, response: response([]) },
        { type: 'response.in_progress', sequence_number: 1, response: response([]) },
        { type: 'response.output_item.added', sequence_number: 2, output_index: 0, item },
        { type: 'response.output_text.delta', sequence_number: 3, item_id: 'msg_1', delta: 'Hi' },
        { type: 'response.output_text.done', sequence_number: 4, item_id: 'msg_1', text: 'Hi' },
        { type: 'response.output_item.done', sequence_number: 5, output_index: 0, item },
        { type: 'response.completed', sequence_number: 6, response: response([item]) },
      ]),
    ).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(
      checkResponseEvents([
        { type: 'response.in_progress', sequence_number: 0, response: response([]) },
        { sequence_number: 1 },
        { type: 'response.output_text.delta', sequence_number: 0, item_id: 'msg_1', delta: 'H' },
        { type: 'response.output_text.done', sequence_number: 3, item_id: 'msg_1', text: 'Hi' },
        { type: 'response.output_item.done', sequence_number: 4, output_index: 0, item },
        { type: 'response.completed', sequence_number: 5, response: response([]) },
      ]),
    ).toEqual([
      'the first event must be response.created, got response.in_progress',
      'event 1 has no "type" in its data: {"sequence_number":1}',
      'event 2 (response.output_text.delta) must have a sequence_number above 0, got 0',
      'event 3: output_text.done text differs from its deltas',
      'event 4: output_item.done for output_index 0 that was never added',
      'response.completed.response.output must list the items of output_item.done, in order',
    ]);
  });
});
