// Every recorded Gemini / Vertex function-call and thinking answer, replayed through `/v1/messages` with
// the official `@anthropic-ai/sdk` client: the function calls (as `tool_use` blocks with their arguments),
// the thinking text (as `thinking` blocks) and the token counts must all arrive; streamed recordings through
// `messages.stream`, where each tool's `input_json_delta`s must add up to its input.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GEMINI_TOOL_RECORDINGS as RECORDINGS,
  loadGeminiRecording as load,
} from '../support/gemini-tool-recordings.js';
import { type ProviderFleet, startProviderFleet } from '../support/start-provider-fleet.js';

let fleet: ProviderFleet;
let client: Anthropic;

beforeAll(async () => {
  fleet = await startProviderFleet();
  client = new Anthropic({ baseURL: fleet.gateway.url, apiKey: 'client-key', maxRetries: 0 });
});

afterAll(async () => {
  await fleet?.stop();
});

describe.each(RECORDINGS)('$upstream $name through /v1/messages', (recording) => {
  it('keeps every function call, the thinking text and the output token count', async () => {
    const { answers, reply, streamed } = load(recording);
    const parts = answers.flatMap((answer) => answer.candidates?.[0]?.content?.parts ?? []);
    const callNames = parts
      .filter((part) => part.functionCall?.name !== undefined)
      .map((part) => part.functionCall!.name!);
    const thoughts = parts
      .filter((part) => part.thought === true && typeof part.text === 'string')
      .map((part) => part.text)
      .join('');
    const last = answers
      .map((answer) => answer.usageMetadata)
      .filter((usage) => usage !== undefined)
      .at(-1);
    const outputTokens = (last?.candidatesTokenCount ?? 0) + (last?.thoughtsTokenCount ?? 0);

    const mock = fleet.mocks[recording.upstream === 'gemini' ? 'google' : 'vertex'];
    mock.prepend({
      method: 'POST',
      path: streamed ? /:streamGenerateContent\?alt=sse$/ : /:generateContent$/,
      reply,
      times: 1,
    });
    const tools: Anthropic.Tool[] = [...new Set(callNames)].map((name) => ({
      name,
      input_schema: { type: 'object', properties: {} },
    }));
    const request: Anthropic.MessageCreateParamsNonStreaming = {
      model: recording.model,
      max_tokens: 8192,
      thinking: { type: 'enabled', budget_tokens: 4096 },
      messages: [{ role: 'user', content: 'Go.' }],
      ...(tools.length > 0 ? { tools } : {}),
    };

    let message: Anthropic.Message;
    const events: Anthropic.MessageStreamEvent[] = [];
    if (streamed) {
      const stream = client.messages.stream(request);
      for await (const event of stream) events.push(event);
      message = await stream.finalMessage();
      expect(events[0]?.type).toBe('message_start');
      expect(events.at(-1)?.type).toBe('message_stop');
    } else {
      message = await client.messages.create(request);
    }

    const uses = message.content.filter(
      (block): block is Anthropic.ToolUseBlock => block.type === 'tool_use',
    );
    expect(uses.map((use) => use.name)).toEqual(callNames);
    for (const [position, use] of uses.entries()) {
      expect(use.input).toEqual(expect.any(Object));
      if (streamed) {
        const index = message.content.indexOf(use);
        const start = events.find(
          (event) => event.type === 'content_block_start' && event.index === index,
        ) as Anthropic.RawContentBlockStartEvent;
        expect(start.content_block).toMatchObject({ type: 'tool_use', id: use.id, input: {} });
        const json = events
          .filter(
            (event): event is Anthropic.RawContentBlockDeltaEvent =>
              event.type === 'content_block_delta' &&
              event.index === index &&
              event.delta.type === 'input_json_delta',
          )
          .map((event) => (event.delta as Anthropic.InputJSONDelta).partial_json)
          .join('');
        expect(JSON.parse(json || '{}'), `tool ${position}`).toEqual(use.input);
      }
    }
    const thinking = message.content.filter(
      (block): block is Anthropic.ThinkingBlock => block.type === 'thinking',
    );
    if (thoughts.length > 0)
      expect(thinking.map((block) => block.thinking).join('')).toBe(thoughts);
    else expect(thinking).toEqual([]);
    expect(message.stop_reason).toBe(callNames.length > 0 ? 'tool_use' : 'end_turn');
    expect(message.usage.output_tokens).toBe(outputTokens);
  });
});
