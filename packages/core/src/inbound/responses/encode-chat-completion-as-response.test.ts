import type { ChatCompletion, ResponseObject } from '../../openai/index.js';
import { readJsonFixture } from '../../testing/read-fixture.js';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import { convertResponsesRequestToChat } from './convert-responses-request-to-chat.js';
import { encodeChatCompletionAsResponse } from './encode-chat-completion-as-response.js';

const recorded = (name: string) => readJsonFixture<ResponseObject>(upstreamFixture('azure', name));
const identity = { id: 'resp_test', model: 'gpt-5.1', createdAt: 1 };

function completion(
  message: ChatCompletion['choices'][number]['message'],
  finish: ChatCompletion['choices'][number]['finish_reason'],
  usage: ChatCompletion['usage'],
): ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gemini',
    choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
    usage,
  };
}
const usage = (prompt: number, output: number, reasoning = 0, cached = 0) => ({
  prompt_tokens: prompt,
  completion_tokens: output,
  total_tokens: prompt + output,
  prompt_tokens_details: { cached_tokens: cached },
  completion_tokens_details: { reasoning_tokens: reasoning },
});
const withoutIds = (output: unknown[]) =>
  output.map((item) => ({ ...(item as object), id: undefined, call_id: undefined }));

describe('encodeChatCompletionAsResponse', () => {
  it('gives the recorded Azure text Response for the same answer: same output and usage, every field present', () => {
    const azure = recorded('responses.text.response.json');
    const ours = encodeChatCompletionAsResponse(
      completion({ role: 'assistant', content: 'Word' }, 'stop', usage(11, 11)),
      convertResponsesRequestToChat({ model: 'gpt-5.1', input: 'x' }),
      identity,
    );
    expect(withoutIds(ours.output)).toEqual(withoutIds(azure.output));
    expect(ours.usage).toEqual(azure.usage);
    expect(ours).toMatchObject({
      object: 'response',
      status: 'completed',
      error: null,
      incomplete_details: null,
      store: false,
      model: 'gpt-5.1',
    });
    expect(Object.keys(azure).filter((key) => key !== 'content_filters' && !(key in ours))).toEqual(
      [],
    );
  });

  it('gives the recorded Azure tool-call Response for the same answer, call_id kept', () => {
    const azure = recorded('responses.tool-call.response.json');
    const call = {
      id: 'call_YunNGbIwdVJ2i0y0Mybva4Pw',
      type: 'function' as const,
      function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
    };
    const ours = encodeChatCompletionAsResponse(
      completion(
        { role: 'assistant', content: null, tool_calls: [call] },
        'tool_calls',
        usage(45, 24),
      ),
      convertResponsesRequestToChat({ model: 'gpt-5.1', input: 'x', tools: azure.tools }),
      identity,
    );
    expect(ours.output).toEqual([{ ...azure.output[0], id: expect.stringMatching(/^fc_/) }]);
    expect(ours.usage).toEqual(azure.usage);
    expect(ours.tools).toEqual(azure.tools);
  });

  it('puts reasoning first, marks a cut-off answer incomplete and maps cached and reasoning tokens', () => {
    const ours = encodeChatCompletionAsResponse(
      completion(
        { role: 'assistant', content: 'Partial', reasoning_content: 'Thinking' },
        'length',
        usage(10, 20, 15, 4),
      ),
      convertResponsesRequestToChat({ model: 'm', input: 'x' }),
      identity,
    );
    expect(ours.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(ours.output[0]).not.toHaveProperty('encrypted_content');
    expect(ours).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
    expect(ours.usage).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 4 },
      output_tokens: 20,
      output_tokens_details: { reasoning_tokens: 15 },
      total_tokens: 30,
    });
  });

  it('answers a filtered answer as incomplete with content_filter', () => {
    const ours = encodeChatCompletionAsResponse(
      completion(
        { role: 'assistant', content: null, refusal: 'Blocked: SAFETY' },
        'content_filter',
        usage(1, 0),
      ),
      convertResponsesRequestToChat({ model: 'm', input: 'x' }),
      identity,
    );
    expect(ours).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
      output: [{ type: 'message', content: [{ type: 'refusal', refusal: 'Blocked: SAFETY' }] }],
    });
  });
});
