import type { ChatCompletionChunk } from '@multi-ai-proxy/core';
import { parseSseStream } from '@multi-ai-proxy/core/provider-utils';
import { readFixtureText } from '@multi-ai-proxy/core/testing';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import { convertAnthropicStreamToChunks } from './convert-anthropic-stream-to-chunks.js';

async function convert(text: string, includeUsage = true): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  const source = (async function* () {
    yield text;
  })();
  for await (const chunk of convertAnthropicStreamToChunks(parseSseStream(source), {
    provider: 'anthropic',
    model: 'claude',
    includeUsage,
  }))
    chunks.push(chunk);
  return chunks;
}
const recorded = (name: string) => readFixtureText(upstreamFixture('anthropic', name));

describe('convertAnthropicStreamToChunks (recorded Messages streams)', () => {
  it('the SDK text stream: role chunk, three text deltas, stop, usage from message_start and message_delta', async () => {
    const chunks = await convert(recorded('messages.text.sse.txt'));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? null)).toEqual([
      '',
      'Hello',
      ' there',
      '!',
      null,
      null,
    ]);
    expect(chunks[0]).toMatchObject({
      id: 'chatcmpl-msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK',
      model: 'claude-3-opus-20240229',
      choices: [{ delta: { role: 'assistant' } }],
    });
    expect(chunks[4]?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks[5]).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 11,
        completion_tokens: 6,
        total_tokens: 17,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
  });

  it('the SDK tool_use stream: id and name first, the input_json_delta pieces as arguments, finish tool_calls', async () => {
    const chunks = await convert(recorded('messages.tool-use.sse.txt'), false);
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toEqual({
      index: 0,
      id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(calls.slice(1).map((call) => call.function?.arguments)).toEqual([
      '{"locati',
      'on": "P',
      'ar',
      'is"}',
    ]);
    expect(JSON.parse(calls.map((call) => call.function?.arguments ?? '').join(''))).toEqual({
      location: 'Paris',
    });
    expect(
      chunks
        .map((chunk) => chunk.choices[0]?.delta.content)
        .filter(Boolean)
        .join(''),
    ).toBe("I'll check the current weather in Paris for you.");
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('the documented thinking stream: thinking deltas as reasoning_content, the signature dropped, then the text', async () => {
    const chunks = await convert(recorded('messages.thinking.sse.txt'));
    const reasoning = chunks
      .map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '')
      .join('');
    expect(reasoning).toBe(
      'I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 × 462 + 147\n462 = 3 × 147 + 21\n147 = 7 × 21 + 0\n\nSo GCD(1071, 462) = 21',
    );
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'The greatest common divisor of 1071 and 462 is **21**.',
    );
    expect(JSON.stringify(chunks)).not.toContain('EqQBCgIYAhIM');
    // No usage in this recording's events: zeros, not a crash.
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  it('an error event mid-stream throws the overloaded error as 529', async () => {
    const text = `${recorded('messages.text.sse.txt').split('event: content_block_stop')[0]}event: error\ndata: ${readFixtureText(upstreamFixture('anthropic', 'error.529-overloaded.json'))}\n\n`;
    await expect(convert(text)).rejects.toMatchObject({
      status: 529,
      type: 'overloaded_error',
      message: 'Overloaded',
    });
  });

  it('a stream cut before message_delta is a 502, not a silent success', async () => {
    await expect(
      convert(recorded('messages.text.sse.txt').split('event: message_delta')[0] as string),
    ).rejects.toMatchObject({ status: 502 });
  });
});
