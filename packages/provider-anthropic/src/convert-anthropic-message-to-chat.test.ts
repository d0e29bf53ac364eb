import { readJsonFixture } from '@multi-ai-proxy/core/testing';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import type { AnthropicMessage } from './anthropic-api-types.js';
import { convertAnthropicMessageToChat } from './convert-anthropic-message-to-chat.js';

const recorded = (name: string) =>
  readJsonFixture<AnthropicMessage>(upstreamFixture('anthropic', name));

describe('convertAnthropicMessageToChat', () => {
  it('the recorded text message: content, stop, usage', () => {
    const completion = convertAnthropicMessageToChat(
      recorded('messages.text.response.json'),
      'claude-sonnet',
    );
    expect(completion).toMatchObject({
      id: 'chatcmpl-msg_013Zva2CMHLNnXjNJJKqJ2EF',
      object: 'chat.completion',
      model: 'claude-sonnet-4-5-20250929',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hi! My name is Claude.' },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 2095,
        completion_tokens: 503,
        total_tokens: 2598,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
  });

  it('the recorded tool_use message: text plus a tool call with the input as JSON arguments', () => {
    const completion = convertAnthropicMessageToChat(
      recorded('messages.tool-use.response.json'),
      'claude',
    );
    const message = completion.choices[0]?.message;
    expect(message?.content).toBe("I'll check the current weather in San Francisco for you.");
    expect(message?.tool_calls).toEqual([
      {
        id: 'toolu_01A09q90qw90lq917835lq9',
        type: 'function',
        function: {
          name: 'get_weather',
          arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
        },
      },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('thinking as reasoning_content; cache reads and writes counted in the prompt, reads as cached_tokens', () => {
    const message = {
      ...recorded('messages.text.response.json'),
      content: [
        { type: 'thinking', thinking: 'Let me think.', signature: 'sig' },
        { type: 'redacted_thinking', data: 'x' },
        { type: 'text', text: 'Done.' },
      ],
      stop_reason: 'max_tokens',
      usage: {
        input_tokens: 10,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 5,
        output_tokens: 7,
      },
    } as AnthropicMessage;
    const completion = convertAnthropicMessageToChat(message, 'claude');
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Done.',
      reasoning_content: 'Let me think.',
    });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage).toEqual({
      prompt_tokens: 115,
      completion_tokens: 7,
      total_tokens: 122,
      prompt_tokens_details: { cached_tokens: 100 },
    });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['refusal', 'content_filter'],
    ['model_context_window_exceeded', 'length'],
  ])('stop_reason %s → finish_reason %s', (reason, finish) => {
    const completion = convertAnthropicMessageToChat(
      {
        ...recorded('messages.text.response.json'),
        stop_reason: reason as AnthropicMessage['stop_reason'],
      },
      'claude',
    );
    expect(completion.choices[0]?.finish_reason).toBe(finish);
  });
});
