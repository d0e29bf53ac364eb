import { describe, expect, it } from 'vitest';
import { convertChatToAnthropicRequest } from './convert-chat-to-anthropic-request.js';

const options = { model: 'claude-sonnet-4-5', defaultMaxTokens: 4096 };

describe('convertChatToAnthropicRequest', () => {
  it('system and developer messages → system blocks; tool calls → tool_use; tool results merged into one user turn', () => {
    const body = convertChatToAnthropicRequest(
      {
        model: 'x',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'developer', content: [{ type: 'text', text: 'Use tools.' }] },
          { role: 'user', content: 'Weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              {
                id: 'toolu_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
              {
                id: 'toolu_2',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
          { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: 'rain' }] },
        ],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'Weather',
              parameters: { type: 'object', properties: { city: { type: 'string' } } },
            },
          },
        ],
        tool_choice: 'required',
        parallel_tool_calls: false,
        stop: 'END',
        temperature: 0.2,
        user: 'user-1',
      },
      options,
    );
    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: [
        { type: 'text', text: 'Be brief.' },
        { type: 'text', text: 'Use tools.' },
      ],
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'rain' },
          ],
        },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          input_schema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      stop_sequences: ['END'],
      temperature: 0.2,
      metadata: { user_id: 'user-1' },
    });
  });

  it('images: data URLs as base64 sources, http URLs as url sources', () => {
    const body = convertChatToAnthropicRequest(
      {
        model: 'x',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
            ],
          },
        ],
      },
      options,
    );
    expect(body.messages[0]?.content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    ]);
  });

  it.each([
    ['low', undefined, { type: 'enabled', budget_tokens: 2048 }, 4096 + 2048],
    ['high', 32000, { type: 'enabled', budget_tokens: 16384 }, 32000],
    ['high', 8000, { type: 'enabled', budget_tokens: 7999 }, 8000],
    ['none', undefined, { type: 'disabled' }, 4096],
  ])(
    'reasoning_effort %s with max_tokens %s → thinking %j, max_tokens %s',
    (effort, max, thinking, maxTokens) => {
      const body = convertChatToAnthropicRequest(
        {
          model: 'x',
          messages: [{ role: 'user', content: 'Hi' }],
          reasoning_effort: effort as 'low',
          max_tokens: max,
        },
        options,
      );
      expect(body.thinking).toEqual(thinking);
      expect(body.max_tokens).toBe(maxTokens);
    },
  );

  it('a tool loop in progress is answered without thinking (the chat history has no signed thinking block)', () => {
    const body = convertChatToAnthropicRequest(
      {
        model: 'x',
        reasoning_effort: 'medium',
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'toolu_1', type: 'function', function: { name: 'w', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
        ],
      },
      options,
    );
    expect(body.thinking).toBeUndefined();
  });

  it.each([
    [{ n: 2 }, 'n'],
    [{ response_format: { type: 'json_object' } }, 'response_format'],
    [{ reasoning_effort: 'extreme' }, 'reasoning_effort'],
    [{ tool_choice: { type: 'function' } }, 'tool_choice'],
    [
      {
        messages: [
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '[1]' } }],
          },
        ],
      },
      'messages[0].tool_calls[0].function.arguments',
    ],
    [
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'input_audio', input_audio: { data: '', format: 'wav' } }],
          },
        ],
      },
      'messages[0].content[0]',
    ],
  ])('refuses %j with a 400 naming %s', (extra, param) => {
    expect(() =>
      convertChatToAnthropicRequest(
        { model: 'x', messages: [{ role: 'user', content: 'Hi' }], ...(extra as object) },
        options,
      ),
    ).toThrow(expect.objectContaining({ status: 400, param }));
  });
});
