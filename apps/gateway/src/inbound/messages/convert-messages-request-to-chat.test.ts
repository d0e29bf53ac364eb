import { describe, expect, it } from 'vitest';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';

describe('convertMessagesRequestToChat', () => {
  it("a Claude Code style turn: system blocks, tool_use ids unchanged, tool_results before the turn's text, server tools left out", () => {
    const chat = convertMessagesRequestToChat({
      model: 'claude-sonnet-4-5',
      max_tokens: 1000,
      system: [
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Be brief.' },
      ],
      messages: [
        { role: 'user', content: 'List files' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use Bash.', signature: 'multi-ai-proxy.thinking.v1' },
            { type: 'text', text: 'Running ls.' },
            {
              type: 'tool_use',
              id: 'call_1__thought__c2ln',
              name: 'Bash',
              input: { command: 'ls' },
            },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'call_1__thought__c2ln',
              content: [{ type: 'text', text: 'a.txt' }],
            },
            { type: 'text', text: 'Now count them.' },
          ],
        },
      ],
      tools: [
        {
          name: 'Bash',
          description: 'Run a command',
          input_schema: { type: 'object', properties: { command: { type: 'string' } } },
        },
        { type: 'web_search_20250305', name: 'web_search' },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      stop_sequences: ['END'],
      metadata: { user_id: 'u1' },
      stream: true,
    });
    expect(chat).toEqual({
      model: 'claude-sonnet-4-5',
      max_completion_tokens: 1000,
      messages: [
        { role: 'system', content: 'You are Claude Code.\nBe brief.' },
        { role: 'user', content: 'List files' },
        {
          role: 'assistant',
          content: 'Running ls.',
          reasoning_content: 'Use Bash.',
          tool_calls: [
            {
              id: 'call_1__thought__c2ln',
              type: 'function',
              function: { name: 'Bash', arguments: '{"command":"ls"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1__thought__c2ln', content: 'a.txt' },
        { role: 'user', content: 'Now count them.' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'Bash',
            description: 'Run a command',
            parameters: { type: 'object', properties: { command: { type: 'string' } } },
          },
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
      stop: ['END'],
      user: 'u1',
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('a system message inside messages (what Claude Code 2.1 sends for opus ids) stays a system message in place', () => {
    const chat = convertMessagesRequestToChat({
      model: 'claude-opus-4-1',
      max_tokens: 100,
      system: 'You are Claude Code.',
      messages: [
        { role: 'user', content: 'Run it.' },
        { role: 'system', content: [{ type: 'text', text: '# Environment\nPlatform: linux' }] },
        { role: 'system', content: '' },
        { role: 'user', content: 'Please.' },
      ] as never,
    });
    expect(chat.messages).toEqual([
      { role: 'system', content: 'You are Claude Code.' },
      { role: 'user', content: 'Run it.' },
      { role: 'system', content: '# Environment\nPlatform: linux' },
      { role: 'user', content: 'Please.' },
    ]);
  });

  it('images and PDFs as data URLs; an error tool_result is marked', () => {
    const chat = convertMessagesRequestToChat({
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: 'boom', is_error: true },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
            },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
            },
          ],
        },
      ],
    });
    expect(chat.messages).toEqual([
      { role: 'tool', tool_call_id: 't1', content: 'Error: boom' },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=' } },
        ],
      },
    ]);
  });

  it.each([
    [{ type: 'enabled', budget_tokens: 1024 }, 'low'],
    [{ type: 'enabled', budget_tokens: 8000 }, 'medium'],
    [{ type: 'enabled', budget_tokens: 31999 }, 'high'],
    [{ type: 'disabled' }, 'none'],
    [{ type: 'adaptive' }, 'medium'],
  ])('thinking %j → reasoning_effort %s', (thinking, effort) => {
    expect(
      convertMessagesRequestToChat({ model: 'm', messages: [], thinking }).reasoning_effort,
    ).toBe(effort);
  });

  it.each([
    [{ messages: 'hi' }, 'messages'],
    [{ max_tokens: 0 }, 'max_tokens'],
    [{ messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.role'],
    [
      { messages: [{ role: 'system', content: [{ type: 'text', text: 3 }] }] },
      'messages.0.content.0.text',
    ],
    [
      {
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] },
        ],
      },
      'messages.0.content.0.source',
    ],
    [
      { messages: [{ role: 'user', content: [{ type: 'tool_result' }] }] },
      'messages.0.content.0.tool_use_id',
    ],
    [{ thinking: { type: 'enabled' } }, 'thinking.budget_tokens'],
    [
      { tools: [{ name: 'a', input_schema: {} }], tool_choice: { type: 'sometimes' } },
      'tool_choice.type',
    ],
  ])('refuses %j with a 400 naming %s', (extra, param) => {
    expect(() =>
      convertMessagesRequestToChat({ model: 'm', messages: [], ...(extra as object) }),
    ).toThrow(expect.objectContaining({ status: 400, param }));
  });
});
