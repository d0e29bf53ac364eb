import type { ChatCompletionChunk } from '@multi-ai-proxy/core';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { encodeChatChunksAsMessageEvents } from './encode-chat-chunks-as-message-events.js';
import type { MessagesStreamEvent } from './messages-types.js';

const identity = { id: 'msg_1', model: 'claude-sonnet-4-5' };
const chunk = (
  delta: ChatCompletionChunk['choices'][number]['delta'],
  finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'gemini',
  choices: [{ index: 0, delta, finish_reason: finish }],
});

async function encode(
  chunks: ChatCompletionChunk[],
  failAfter?: Error,
): Promise<MessagesStreamEvent[]> {
  const source = (async function* () {
    yield* chunks;
    if (failAfter) throw failAfter;
  })();
  const events: MessagesStreamEvent[] = [];
  for await (const event of encodeChatChunksAsMessageEvents(source, identity)) events.push(event);
  return events;
}

describe('encodeChatChunksAsMessageEvents', () => {
  it('thinking, text, then a whole tool call (Gemini): blocks in order, an empty tool input then one input_json_delta, cumulative usage', async () => {
    const events = await encode([
      chunk({ role: 'assistant', reasoning_content: 'Think' }),
      chunk({ reasoning_content: 'ing.' }),
      chunk({ content: 'Let me look.' }),
      chunk(
        {
          tool_calls: [
            {
              index: 0,
              id: 'call_1__thought__c2ln',
              type: 'function',
              function: { name: 'Bash', arguments: '{"command":"ls"}' },
            },
          ],
        },
        'tool_calls',
      ),
      {
        ...chunk({}),
        choices: [],
        usage: {
          prompt_tokens: 120,
          completion_tokens: 30,
          total_tokens: 150,
          prompt_tokens_details: { cached_tokens: 20 },
        },
      },
    ]);
    expect(events).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: 0,
            output_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
      },
      { type: 'ping' },
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'Think' },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'ing.' },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'signature_delta', signature: 'multi-ai-proxy.thinking.v1' },
      },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'text_delta', text: 'Let me look.' },
      },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'call_1__thought__c2ln', name: 'Bash', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 2,
        delta: { type: 'input_json_delta', partial_json: '{"command":"ls"}' },
      },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: {
          input_tokens: 100,
          output_tokens: 30,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 20,
        },
      },
      { type: 'message_stop' },
    ]);
  });

  it('streamed arguments of two calls (Azure): one tool_use block each, the pieces as input_json_delta', async () => {
    const events = await encode([
      chunk({
        tool_calls: [
          { index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      chunk(
        {
          tool_calls: [
            { index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '{}' } },
          ],
        },
        'tool_calls',
      ),
    ]);
    const summary = events
      .filter((event) => event.type.startsWith('content_block'))
      .map((event) => [
        event.type,
        event.index,
        (event.delta as { partial_json?: string } | undefined)?.partial_json,
      ]);
    expect(summary).toEqual([
      ['content_block_start', 0, undefined],
      ['content_block_delta', 0, '{"x":'],
      ['content_block_delta', 0, '1}'],
      ['content_block_stop', 0, undefined],
      ['content_block_start', 1, undefined],
      ['content_block_delta', 1, '{}'],
      ['content_block_stop', 1, undefined],
    ]);
  });

  it('a failure after the start becomes an Anthropic error event (overloaded stays overloaded_error)', async () => {
    const events = await encode(
      [chunk({ content: 'Hi' })],
      new UpstreamApiError({
        provider: 'google',
        status: 503,
        message: 'The model is overloaded.',
      }),
    );
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'The model is overloaded.' },
    });
    expect(events.map((event) => event.type)).not.toContain('message_stop');
  });

  it('length → max_tokens; an empty answer still ends with message_delta and message_stop', async () => {
    const events = await encode([chunk({ content: '' }, 'length')]);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'ping',
      'message_delta',
      'message_stop',
    ]);
    expect(events[2]).toMatchObject({ delta: { stop_reason: 'max_tokens' } });
  });
});
