// Every recorded Gemini / Vertex function-call and thinking answer, replayed through `/v1/messages` with
// the official `@anthropic-ai/sdk` client: the function calls (as `tool_use` blocks with their arguments),
// the thinking text (as `thinking` blocks) and the token counts must all arrive; streamed recordings through
// `messages.stream`, where each tool's `input_json_delta`s must add up to its input.
import Anthropic from '@anthropic-ai/sdk';
import { readRecordingFixture, recordingToMockReply } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../support/fixture-path.js';
import {
  GEMINI_TOOL_RECORDINGS as RECORDINGS,
  loadGeminiRecording as load,
} from '../support/gemini-tool-recordings.js';
import {
  FLEET_LOCATION,
  FLEET_PROJECT,
  type ProviderFleet,
  startProviderFleet,
} from '../support/start-provider-fleet.js';

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

// The recorded countTokens answers of both upstreams (11 tokens on the Gemini API, 10 on Vertex AI).
describe.each([
  {
    upstream: 'google' as const,
    model: 'google/gemini-2.5-flash',
    path: '/v1beta/models/gemini-2.5-flash:countTokens',
    recording: fixturePath('gemini', 'countTokens.recording.json'),
    count: 11,
  },
  {
    upstream: 'vertex' as const,
    model: 'vertex/gemini-2.5-flash',
    path: `/v1/projects/${FLEET_PROJECT}/locations/${FLEET_LOCATION}/publishers/google/models/gemini-2.5-flash:countTokens`,
    recording: fixturePath('vertex', 'countTokens.recording.json'),
    count: 10,
  },
])('count_tokens on $upstream', ({ upstream, model, path, recording, count }) => {
  it('is the upstream’s countTokens of the translated request', async () => {
    const [interaction] = readRecordingFixture(recording);
    const mock = fleet.mocks[upstream];
    mock.prepend({ method: 'POST', path, reply: recordingToMockReply(interaction!), times: 1 });
    const before = mock.requests.length;
    const counted = await client.messages
      .countTokens({
        model,
        messages: [{ role: 'user', content: 'The quick brown fox jumps over the lazy dog.' }],
      })
      .withResponse();
    expect(counted.data).toEqual({ input_tokens: count });
    expect(counted.response.headers.get('x-multi-ai-proxy-token-count')).toBe('upstream');
    const sent = mock.requests.slice(before).filter((request) => request.path === path);
    expect(sent).toHaveLength(1);
    // The recorded request body: the user text as Gemini contents, nothing else.
    expect(sent[0]!.json()).toEqual(interaction!.request.body);
  });
});
