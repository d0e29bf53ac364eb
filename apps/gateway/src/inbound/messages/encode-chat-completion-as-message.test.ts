import { describe, expect, it } from 'vitest';
import { encodeChatCompletionAsMessage } from './encode-chat-completion-as-message.js';
import { toAnthropicErrorBody } from './to-anthropic-error-body.js';
import { AuthenticationError, UpstreamApiError } from '@multi-ai-proxy/core';

describe('encodeChatCompletionAsMessage', () => {
  it('reasoning, text and tool calls as thinking, text and tool_use blocks; usage without the cached part', () => {
    const message = encodeChatCompletionAsMessage(
      {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 0,
        model: 'gemini-3-pro-preview',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Checking.',
              reasoning_content: 'Plan.',
              tool_calls: [
                {
                  id: 'call_1__thought__c2ln',
                  type: 'function',
                  function: { name: 'weather', arguments: '{"location":"SF"}' },
                },
              ],
            },
            finish_reason: 'tool_calls',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: 50,
          completion_tokens: 10,
          total_tokens: 60,
          prompt_tokens_details: { cached_tokens: 8 },
        },
      },
      { id: 'msg_1', model: 'claude-sonnet-4-5' },
    );
    expect(message).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'thinking', thinking: 'Plan.', signature: 'multi-ai-proxy.thinking.v1' },
        { type: 'text', text: 'Checking.' },
        {
          type: 'tool_use',
          id: 'call_1__thought__c2ln',
          name: 'weather',
          input: { location: 'SF' },
        },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 42,
        output_tokens: 10,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 8,
      },
    });
  });
});

describe('toAnthropicErrorBody', () => {
  it.each([
    [new AuthenticationError('bad key'), 401, 'authentication_error'],
    [
      new UpstreamApiError({ provider: 'p', status: 429, message: 'slow' }),
      429,
      'rate_limit_error',
    ],
    [
      new UpstreamApiError({
        provider: 'p',
        status: 529,
        message: 'Overloaded',
        type: 'overloaded_error',
      }),
      529,
      'overloaded_error',
    ],
    [new UpstreamApiError({ provider: 'p', status: 504, message: 'late' }), 504, 'timeout_error'],
    [new Error('secret internals'), 500, 'api_error'],
  ])('%s → %s %s', (error, status, type) => {
    const rendered = toAnthropicErrorBody(error);
    expect(rendered.status).toBe(status);
    expect(rendered.body).toMatchObject({ type: 'error', error: { type } });
    expect(rendered.body.error.message).not.toContain('secret internals');
  });
});
