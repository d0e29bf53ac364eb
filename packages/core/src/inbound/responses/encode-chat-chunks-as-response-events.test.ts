import type { ChatCompletionChunk, ResponseStreamEvent } from '../../openai/index.js';
import { UpstreamApiError } from '../../errors/index.js';
import { readChunksFixture } from '../../testing/read-fixture.js';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import { convertResponsesRequestToChat } from './convert-responses-request-to-chat.js';
import { encodeChatChunksAsResponseEvents } from './encode-chat-chunks-as-response-events.js';
import { decodeReasoningContent } from './reasoning-content-codec.js';

const azureEvents = (name: string) =>
  readChunksFixture(upstreamFixture('azure', name)).map(
    (line) => JSON.parse(line) as ResponseStreamEvent,
  );
const identity = { id: 'resp_test', model: 'gpt-5.1', createdAt: 1_770_803_606 };

const chunk = (
  delta: ChatCompletionChunk['choices'][number]['delta'],
  finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
): ChatCompletionChunk => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gemini-3-pro-preview',
  choices: [{ index: 0, delta, finish_reason: finish }],
});
const usageChunk = (prompt: number, completion: number, reasoning = 0): ChatCompletionChunk => ({
  ...chunk({}),
  choices: [],
  usage: {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoning },
  },
});

async function collect(
  chunks: ChatCompletionChunk[] | AsyncIterable<ChatCompletionChunk>,
  body: Record<string, unknown>,
): Promise<ResponseStreamEvent[]> {
  const source = Array.isArray(chunks)
    ? (async function* () {
        yield* chunks;
      })()
    : chunks;
  const events: ResponseStreamEvent[] = [];
  for await (const event of encodeChatChunksAsResponseEvents(
    source,
    convertResponsesRequestToChat({ model: 'gpt-5.1', input: 'hi', ...body }),
    identity,
  ))
    events.push(event);
  return events;
}

/** Ids made equal, Azure's per-event `obfuscation` padding and content filter results dropped. */
function normalise(events: ResponseStreamEvent[]): unknown[] {
  const ids = new Map<string, string>();
  return JSON.parse(
    JSON.stringify(events, (key, value) => {
      if (key === 'obfuscation' || key === 'content_filters') return undefined;
      if (
        typeof value === 'string' &&
        /^(resp|msg|fc|call)_/.test(value) &&
        (key === 'id' || key === 'item_id' || key === 'call_id')
      ) {
        if (!ids.has(value)) ids.set(value, `${value.split('_')[0]}#${ids.size}`);
        return ids.get(value);
      }
      return value;
    }),
  );
}

/** Every event but the three that carry the whole response: those echo request settings Azure fills in. */
const itemEvents = (events: unknown[]) =>
  (events as ResponseStreamEvent[]).filter((event) => !('response' in event));

describe('encodeChatChunksAsResponseEvents', () => {
  it('reproduces the recorded Azure text stream for the same answer', async () => {
    const azure = azureEvents('responses.text.chunks.txt');
    const ours = await collect(
      [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hello' }),
        chunk({}, 'stop'),
        usageChunk(11, 11),
      ],
      {},
    );
    expect(ours.map((event) => event.type)).toEqual(azure.map((event) => event.type));
    expect(ours.map((event) => event.sequence_number)).toEqual(
      azure.map((event) => event.sequence_number),
    );
    expect(itemEvents(normalise(ours))).toEqual(itemEvents(normalise(azure)));
    const [completed, recorded] = [
      ours.at(-1)!.response as Record<string, unknown>,
      azure.at(-1)!.response as Record<string, unknown>,
    ];
    expect(normalise([completed as never])[0]).toMatchObject({
      status: 'completed',
      output: (normalise([recorded as never])[0] as { output: unknown }).output,
      usage: recorded.usage,
    });
    // Every field of the recorded Response object is present in ours (content filters are Azure's own).
    expect(
      Object.keys(recorded).filter((key) => key !== 'content_filters' && !(key in completed)),
    ).toEqual([]);
    expect(ours[0]!.response).toMatchObject({
      status: 'in_progress',
      output: [],
      usage: null,
      store: false,
    });
  });

  it('reproduces the recorded Azure tool-call stream: arguments as deltas, then .done, then the item', async () => {
    const azure = azureEvents('responses.tool-call.chunks.txt');
    const args = '{"location":"San Francisco"}';
    const ours = await collect(
      [
        chunk({
          role: 'assistant',
          tool_calls: [
            {
              index: 0,
              id: 'call_H5DxLSFnsGhiROnUiDHmgyc8',
              type: 'function',
              function: { name: 'weather', arguments: '' },
            },
          ],
        }),
        ...['{"', 'location', '":"', 'San', ' Francisco', '"}'].map((part) =>
          chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] }),
        ),
        chunk({}, 'tool_calls'),
        usageChunk(45, 24),
      ],
      {
        tools: [
          {
            type: 'function',
            name: 'weather',
            parameters: { type: 'object', properties: { location: { type: 'string' } } },
            strict: true,
          },
        ],
      },
    );
    expect(ours.map((event) => event.type)).toEqual(azure.map((event) => event.type));
    // Azure's `.done` has no `name`; the spec requires it, so ours carries it.
    const withoutName = normalise(ours).map((event) => {
      const { name: _name, ...rest } = event as Record<string, unknown>;
      return (event as ResponseStreamEvent).type === 'response.function_call_arguments.done'
        ? rest
        : event;
    });
    expect(itemEvents(withoutName)).toEqual(itemEvents(normalise(azure)));
    expect(
      ours.find((event) => event.type === 'response.function_call_arguments.done'),
    ).toMatchObject({ name: 'weather', arguments: args });
    expect((ours.at(-1)!.response as { output: unknown[] }).output).toEqual([
      expect.objectContaining({
        type: 'function_call',
        call_id: 'call_H5DxLSFnsGhiROnUiDHmgyc8',
        arguments: args,
        status: 'completed',
      }),
    ]);
  });

  it('sends a whole function call (as Gemini streams them) as one arguments delta and .done, with the signature-carrying id as call_id', async () => {
    const callId = 'call_x__thought__Eo0HCooHAb4-9vut';
    const ours = await collect(
      [
        chunk({
          role: 'assistant',
          tool_calls: [
            {
              index: 0,
              id: callId,
              type: 'function',
              function: { name: 'shell', arguments: '{"command":["ls"]}' },
            },
          ],
        }),
        chunk({}, 'tool_calls'),
        usageChunk(5, 7),
      ],
      { tools: [{ type: 'function', name: 'shell', parameters: { type: 'object' } }] },
    );
    const types = ours.map((event) => event.type);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(ours[3]).toMatchObject({ delta: '{"command":["ls"]}' });
    expect(ours[5]!.item).toMatchObject({
      call_id: callId,
      name: 'shell',
      arguments: '{"command":["ls"]}',
    });
  });

  it('opens a reasoning item before the message, with summary deltas and always-present reasoning tokens', async () => {
    const ours = await collect(
      [
        chunk({ role: 'assistant', reasoning_content: 'Counting ' }),
        chunk({ reasoning_content: 'letters.' }),
        chunk({ content: 'There are 3.' }),
        chunk({}, 'stop'),
        usageChunk(9, 285, 256),
      ],
      { include: ['reasoning.encrypted_content'], reasoning: { effort: 'high', summary: 'auto' } },
    );
    expect(ours.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(ours[9]).toMatchObject({ output_index: 1 });
    const completed = ours.at(-1)!.response as {
      output: Array<Record<string, unknown>>;
      usage: unknown;
    };
    expect(completed.output[0]).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Counting letters.' }],
    });
    expect(decodeReasoningContent(completed.output[0]!.encrypted_content as string)).toBe(
      'Counting letters.',
    );
    expect(completed.usage).toEqual({
      input_tokens: 9,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 285,
      output_tokens_details: { reasoning_tokens: 256 },
      total_tokens: 294,
    });
  });

  it('answers a cut-off stream with response.incomplete and the reason', async () => {
    const ours = await collect([chunk({ content: 'Once upon' }), chunk({}, 'length')], {});
    expect(ours.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
    // No usage chunk at all: still every usage field, as zeros.
    expect((ours.at(-1)!.response as { usage: unknown }).usage).toEqual({
      input_tokens: 0,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 0,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 0,
    });
  });

  it('turns a mid-stream upstream error into an error event and response.failed, sequence numbers still increasing', async () => {
    async function* failing() {
      yield chunk({ content: 'Partial' });
      throw new UpstreamApiError({
        provider: 'google',
        status: 429,
        message: 'Resource exhausted.',
        code: 'rate_limit_exceeded',
      });
    }
    const ours = await collect(failing(), {});
    expect(ours.slice(-2)).toMatchObject([
      { type: 'error', code: 'rate_limit_exceeded', message: 'Resource exhausted.', param: null },
      {
        type: 'response.failed',
        response: {
          status: 'failed',
          error: { code: 'rate_limit_exceeded', message: 'Resource exhausted.' },
        },
      },
    ]);
    expect(ours.map((event) => event.sequence_number)).toEqual(ours.map((_, index) => index));
  });

  it('unwraps a freeform (custom) tool call into custom_tool_call with its raw input', async () => {
    const ours = await collect(
      [
        chunk({
          tool_calls: [
            {
              index: 0,
              id: 'call_1',
              type: 'function',
              function: { name: 'apply_patch', arguments: '{"input":"*** Begin Patch"}' },
            },
          ],
        }),
        chunk({}, 'tool_calls'),
      ],
      { tools: [{ type: 'custom', name: 'apply_patch', description: 'Patch files' }] },
    );
    expect(ours.map((event) => event.type)).toContain('response.custom_tool_call_input.done');
    expect((ours.at(-1)!.response as { output: unknown[] }).output).toEqual([
      expect.objectContaining({
        type: 'custom_tool_call',
        call_id: 'call_1',
        name: 'apply_patch',
        input: '*** Begin Patch',
      }),
    ]);
  });
});
