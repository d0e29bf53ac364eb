import type { ResponseObject, UpstreamApiError } from '@multi-ai-proxy/core';
import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import { convertAzureResponsesToChatCompletion } from './convert-azure-responses-to-chat-completion.js';

const recording = (name: string) =>
  JSON.parse(readUpstreamFixture('azure', name).toString('utf8')) as ResponseObject;

describe('convertAzureResponsesToChatCompletion', () => {
  it('turns the recorded text answer into a chat completion with usage details', () => {
    const response = recording('responses.text.response.json');
    expect(convertAzureResponsesToChatCompletion(response, 'codex', 'azure')).toEqual({
      id: `chatcmpl-${response.id}`,
      object: 'chat.completion',
      created: 1770803604,
      model: 'codex',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Word', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 11,
        completion_tokens: 11,
        total_tokens: 22,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      system_fingerprint: null,
      service_tier: 'default',
    });
  });

  it('turns the recorded function_call item into a tool call whose id is the call_id', () => {
    const completion = convertAzureResponsesToChatCompletion(
      recording('responses.tool-call.response.json'),
      'codex',
      'azure',
    );
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [
          {
            id: 'call_YunNGbIwdVJ2i0y0Mybva4Pw',
            type: 'function',
            function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    });
    expect(completion.usage).toMatchObject({
      prompt_tokens: 45,
      completion_tokens: 24,
      total_tokens: 69,
    });
  });

  it('keeps reasoning summaries, refusals and cached/reasoning tokens, and maps incomplete answers', () => {
    const base = recording('responses.text.response.json');
    const response: ResponseObject = {
      ...base,
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [
        {
          id: 'rs_1',
          type: 'reasoning',
          summary: [
            { type: 'summary_text', text: 'First' },
            { type: 'summary_text', text: 'Second' },
          ],
        },
        {
          ...(base.output[0] as object),
          content: [
            { type: 'output_text', text: 'Wo', annotations: [], logprobs: [] },
            { type: 'refusal', refusal: 'No.' },
            { type: 'output_text', text: 'rd', annotations: [], logprobs: [] },
          ],
        } as ResponseObject['output'][number],
      ],
      usage: {
        input_tokens: 20,
        input_tokens_details: { cached_tokens: 16 },
        output_tokens: 30,
        output_tokens_details: { reasoning_tokens: 25 },
        total_tokens: 50,
      },
    };
    const completion = convertAzureResponsesToChatCompletion(response, 'codex', 'azure');
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Word',
      refusal: 'No.',
      reasoning_content: 'First\n\nSecond',
    });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage).toEqual({
      prompt_tokens: 20,
      completion_tokens: 30,
      total_tokens: 50,
      prompt_tokens_details: { cached_tokens: 16 },
      completion_tokens_details: { reasoning_tokens: 25 },
    });
    const filtered = convertAzureResponsesToChatCompletion(
      { ...response, incomplete_details: { reason: 'content_filter' } },
      'codex',
      'azure',
    );
    expect(filtered.choices[0]?.finish_reason).toBe('content_filter');
  });

  it('throws a failed response as an upstream error carrying its code and message', () => {
    const failed = {
      ...recording('responses.text.response.json'),
      status: 'failed' as const,
      output: [],
      error: { code: 'server_error', message: 'Model crashed' },
    };
    let error: UpstreamApiError | undefined;
    try {
      convertAzureResponsesToChatCompletion(failed, 'codex', 'azure');
    } catch (caught) {
      error = caught as UpstreamApiError;
    }
    expect(error).toMatchObject({
      status: 502,
      code: 'server_error',
      message: expect.stringContaining('Model crashed'),
    });
  });
});
