// Anthropic's Messages API translated to Gemini on Vertex AI (provider-vertex), end to end: the official
// `@anthropic-ai/sdk` client against the gateway process, a mock Vertex AI behind it that authenticates
// the gateway's service-account token and replays recordings. What the client gets is checked, and what
// Vertex received: the project/location model paths, systemInstruction, thinkingConfig, and the Gemini 3
// thought signature that rides in `tool_use.id` and comes back as `thoughtSignature` on the next turn.
import Anthropic from '@anthropic-ai/sdk';
import {
  type MockUpstream,
  type RecordedUpstreamRequest,
  readFixtureText,
  readJsonFixture,
  readRecordingFixture,
  recordingToMockReply,
} from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gemini, vertex } from '../mocks/gemini-format-bodies.js';
import {
  startVertexMock,
  VERTEX_ACCESS_TOKEN,
  VERTEX_TOKEN_PATH,
} from '../mocks/start-vertex-mock.js';
import { createServiceAccountKey } from '../support/create-service-account-key.js';
import { fixturePath } from '../support/fixture-path.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const PROJECT = 'messages-project';
const LOCATION = 'us-east5';
const MODELS = `/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/google/models`;

// A real Vertex chat over two turns (js-genai's recording): Gemini 3 calls customDivide with a thought
// signature (streamed, its arguments as partialArgs), then answers the function's result.
const [DIVIDE_CALL, DIVIDE_ANSWER] = readRecordingFixture(
  fixturePath('vertex', 'streamGenerateContent.streamFunctionCallArguments.recording.json'),
);
type Part = { functionCall?: { name: string }; thoughtSignature?: string; text?: string };
type Answer = { candidates: Array<{ content: { parts: Part[] } }> };
const DIVIDE_SIGNATURE = (DIVIDE_CALL!.response.segments[0] as Answer).candidates[0]!.content
  .parts[0]!.thoughtSignature!;
const DIVIDE_TEXT = (DIVIDE_ANSWER!.response.segments as Answer[])
  .map((segment) => segment.candidates[0]!.content.parts.map((part) => part.text).join(''))
  .join('');
// No Vertex recording of a non-streamed Gemini 3 signed call, nor of thought summaries, exists: the
// Gemini API's recordings are replayed (Vertex's generateContent answer has the same shape).
const GEMINI_3_SIGNATURE = (gemini.functionCall as Answer).candidates[0]!.content.parts.find(
  (part) => part.thoughtSignature !== undefined,
)!.thoughtSignature!;
const THINKING = readJsonFixture(
  fixturePath('gemini', 'generateContent.thinking-function-call-signature.response.json'),
);
const THINKING_SSE = readFixtureText(
  fixturePath('gemini', 'streamGenerateContent.thinking-function-call.sse.txt'),
);
const VERTEX_TEXT_USAGE = (
  vertex.text as {
    usageMetadata: {
      promptTokenCount: number;
      candidatesTokenCount: number;
      thoughtsTokenCount: number;
    };
  }
).usageMetadata;
const VERTEX_STREAM_TEXT = (vertex.textStream as Answer[])
  .map((segment) => segment.candidates[0]?.content.parts.map((part) => part.text).join('') ?? '')
  .join('');

let upstream: MockUpstream;
let gateway: RunningGateway;
let anthropic: Anthropic;
let removeKey: () => void;

type GeminiBody = {
  contents: Array<{
    role: string;
    parts: Array<{
      text?: string;
      thoughtSignature?: string;
      functionCall?: { name: string; args?: unknown };
      functionResponse?: { name: string; response?: unknown };
    }>;
  }>;
  systemInstruction?: { parts: Array<{ text: string }> };
  generationConfig?: { maxOutputTokens?: number; thinkingConfig?: Record<string, unknown> };
};

const hasFunctionResponse = (request: RecordedUpstreamRequest) =>
  (request.json() as GeminiBody).contents
    .at(-1)
    ?.parts.some((part) => part.functionResponse !== undefined) === true;

beforeAll(async () => {
  upstream = await startVertexMock(PROJECT, LOCATION);
  // Model-specific recordings before the mock's generic Vertex answers.
  upstream.prepend({
    method: 'POST',
    path: new RegExp(`^${MODELS}/gemini-3-pro-preview:streamGenerateContent\\?alt=sse$`),
    reply: (request) =>
      recordingToMockReply(hasFunctionResponse(request) ? DIVIDE_ANSWER! : DIVIDE_CALL!),
  });
  upstream.prepend({
    method: 'POST',
    path: new RegExp(`^${MODELS}/gemini-3-pro-preview:generateContent$`),
    reply: (request) => ({
      body: hasFunctionResponse(request) ? vertex.text : gemini.functionCall,
    }),
  });
  upstream.prepend({
    method: 'POST',
    path: new RegExp(`^${MODELS}/gemini-2\\.5-pro:generateContent$`),
    reply: { body: THINKING },
  });
  upstream.prepend({
    method: 'POST',
    path: new RegExp(`^${MODELS}/gemini-2\\.5-pro:streamGenerateContent\\?alt=sse$`),
    reply: { rawSse: THINKING_SSE },
  });
  const serviceAccount = createServiceAccountKey(`${upstream.url}${VERTEX_TOKEN_PATH}`, PROJECT);
  removeKey = serviceAccount.remove;
  gateway = await startGateway({
    config: {
      providers: [
        {
          name: 'vertex',
          package: '@multi-ai-proxy/provider-vertex',
          options: {
            credentialsFile: serviceAccount.path,
            projectId: PROJECT,
            location: LOCATION,
            baseUrl: upstream.url,
          },
        },
      ],
    },
  });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client-key', maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
  removeKey?.();
});

async function callsDuring(action: () => Promise<void>): Promise<RecordedUpstreamRequest[]> {
  const before = upstream.requests.length;
  await action();
  return upstream.requests.slice(before).filter((request) => request.path !== VERTEX_TOKEN_PATH);
}

const weatherTool: Anthropic.Tool = {
  name: 'weather',
  description: 'Weather for a place',
  input_schema: { type: 'object', properties: { location: { type: 'string' } } },
};
const divideTool: Anthropic.Tool = {
  name: 'customDivide',
  description: 'Custom divide function',
  input_schema: {
    type: 'object',
    properties: { numerator: { type: 'number' }, denominator: { type: 'number' } },
  },
};

describe('/v1/messages translated to Gemini on Vertex AI', () => {
  it('messages.create: system → systemInstruction on the project/location path with the service-account token; usage from usageMetadata', async () => {
    let message!: Anthropic.Message;
    const calls = await callsDuring(async () => {
      message = await anthropic.messages.create({
        model: 'vertex/gemini-2.5-flash',
        max_tokens: 200,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
      });
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'vertex/gemini-2.5-flash',
      stop_reason: 'max_tokens',
      stop_sequence: null,
    });
    expect(message.id).toMatch(/^msg_/);
    expect(message.content).toHaveLength(1);
    expect(message.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/^The sky is blue primarily due to .*Rayleigh scattering/),
    });
    // Gemini counts thinking apart from the candidates; Claude's output_tokens include it.
    expect(message.usage).toMatchObject({
      input_tokens: VERTEX_TEXT_USAGE.promptTokenCount,
      output_tokens: VERTEX_TEXT_USAGE.candidatesTokenCount + VERTEX_TEXT_USAGE.thoughtsTokenCount,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe(`${MODELS}/gemini-2.5-flash:generateContent`);
    expect(calls[0]!.headers.authorization).toBe(`Bearer ${VERTEX_ACCESS_TOKEN}`);
    const body = calls[0]!.json() as GeminiBody;
    expect(body.systemInstruction?.parts).toEqual([{ text: 'Be brief.' }]);
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'why is the sky blue?' }] }]);
    expect(body.generationConfig?.maxOutputTokens).toBe(200);
  });

  it('messages.stream: message_start, one text block, message_delta, message_stop — in order, the recorded text whole', async () => {
    const events: Anthropic.MessageStreamEvent[] = [];
    let final!: Anthropic.Message;
    const calls = await callsDuring(async () => {
      const stream = anthropic.messages.stream({
        model: 'vertex/gemini-2.5-flash',
        max_tokens: 2048,
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
      });
      for await (const event of stream) events.push(event);
      final = await stream.finalMessage();
    });
    const types = events.map((event) => event.type);
    const deltas = types.filter((type) => type === 'content_block_delta').length;
    expect(deltas).toBeGreaterThan(1);
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      ...Array(deltas).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(final.content).toEqual([{ type: 'text', text: VERTEX_STREAM_TEXT }]);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(475 + 1214);
    expect(calls.map((call) => call.url)).toEqual([
      `${MODELS}/gemini-2.5-flash:streamGenerateContent?alt=sse`,
    ]);
  });

  it('tools over two turns on Gemini 3: the thought signature rides in tool_use.id and reaches Vertex again; the tool_result name is recovered', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in San Francisco?' };
    const first = await anthropic.messages.create({
      model: 'vertex/gemini-3-pro-preview',
      max_tokens: 256,
      tools: [weatherTool],
      messages: [question],
    });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find(
      (block): block is Anthropic.ToolUseBlock => block.type === 'tool_use',
    )!;
    expect(toolUse).toMatchObject({ name: 'weather', input: { location: 'San Francisco' } });
    expect(toolUse.id).toContain('__thought__');
    const calls = await callsDuring(async () => {
      const second = await anthropic.messages.create({
        model: 'vertex/gemini-3-pro-preview',
        max_tokens: 256,
        tools: [weatherTool],
        messages: [
          question,
          { role: 'assistant', content: first.content },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18°C and sunny' }],
          },
        ],
      });
      expect(second.content[0]?.type).toBe('text');
    });
    expect(calls.map((call) => call.path)).toEqual([
      `${MODELS}/gemini-3-pro-preview:generateContent`,
    ]);
    const body = calls[0]!.json() as GeminiBody;
    expect(body.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(body.contents[1]!.parts).toContainEqual(
      expect.objectContaining({
        functionCall: { name: 'weather', args: { location: 'San Francisco' } },
        thoughtSignature: GEMINI_3_SIGNATURE,
      }),
    );
    expect(body.contents[2]!.parts[0]).toMatchObject({ functionResponse: { name: 'weather' } });
  });

  it('a streamed two-turn tool call on the recorded Vertex chat: partialArgs → input_json_delta, the signature back as thoughtSignature', async () => {
    const question: Anthropic.MessageParam = {
      role: 'user',
      content: 'what is the result of 100/2',
    };
    const events: Anthropic.MessageStreamEvent[] = [];
    const stream = anthropic.messages.stream({
      model: 'vertex/gemini-3-pro-preview',
      max_tokens: 256,
      tools: [divideTool],
      messages: [question],
    });
    for await (const event of stream) events.push(event);
    const first = await stream.finalMessage();
    const start = events.find(
      (event): event is Anthropic.RawContentBlockStartEvent =>
        event.type === 'content_block_start' && event.content_block.type === 'tool_use',
    )!;
    expect(start.content_block).toMatchObject({
      type: 'tool_use',
      name: 'customDivide',
      input: {},
    });
    const json = events
      .filter(
        (event): event is Anthropic.RawContentBlockDeltaEvent =>
          event.type === 'content_block_delta' &&
          event.index === start.index &&
          event.delta.type === 'input_json_delta',
      )
      .map((event) => (event.delta as Anthropic.InputJSONDelta).partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ denominator: 2, numerator: 100 });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find(
      (block): block is Anthropic.ToolUseBlock => block.type === 'tool_use',
    )!;
    expect(toolUse.id).toContain('__thought__');

    let answer = '';
    const calls = await callsDuring(async () => {
      const second = anthropic.messages.stream({
        model: 'vertex/gemini-3-pro-preview',
        max_tokens: 256,
        tools: [divideTool],
        messages: [
          question,
          { role: 'assistant', content: first.content },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '{"result":51}' }],
          },
        ],
      });
      answer = (await second.finalText()).trim();
    });
    expect(answer).toBe(DIVIDE_TEXT);
    expect(calls.map((call) => call.url)).toEqual([
      `${MODELS}/gemini-3-pro-preview:streamGenerateContent?alt=sse`,
    ]);
    const body = calls[0]!.json() as GeminiBody;
    expect(body.contents[1]!.parts).toContainEqual(
      expect.objectContaining({
        functionCall: { name: 'customDivide', args: { denominator: 2, numerator: 100 } },
        thoughtSignature: DIVIDE_SIGNATURE,
      }),
    );
    expect(body.contents[2]!.parts[0]).toMatchObject({
      functionResponse: { name: 'customDivide' },
    });
  });

  it('thinking: budget → thinkingConfig, thought text → a thinking block with a signature, streamed as thinking_delta then signature_delta', async () => {
    let message!: Anthropic.Message;
    const calls = await callsDuring(async () => {
      message = await anthropic.messages.create({
        model: 'vertex/gemini-2.5-pro',
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'Days until New Year’s Eve?' }],
      });
    });
    expect(calls[0]!.path).toBe(`${MODELS}/gemini-2.5-pro:generateContent`);
    // A 2048-token budget is the pivot's `low` effort: Gemini 2.5's 1024-token budget.
    expect((calls[0]!.json() as GeminiBody).generationConfig?.thinkingConfig).toEqual({
      includeThoughts: true,
      thinkingBudget: 1024,
    });
    expect(message.content[0]).toMatchObject({
      type: 'thinking',
      thinking: expect.stringContaining('New Year'),
      signature: expect.any(String),
    });
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'now',
    });

    const deltas: string[] = [];
    const streamCalls = await callsDuring(async () => {
      const stream = anthropic.messages.stream({
        model: 'vertex/gemini-2.5-pro',
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'Days until New Year’s Eve?' }],
      });
      for await (const event of stream)
        if (event.type === 'content_block_delta') deltas.push(event.delta.type);
      const final = await stream.finalMessage();
      expect(final.content[0]).toMatchObject({
        type: 'thinking',
        thinking: expect.stringContaining('New Year'),
        signature: expect.any(String),
      });
    });
    expect(streamCalls[0]!.url).toBe(`${MODELS}/gemini-2.5-pro:streamGenerateContent?alt=sse`);
    // The thinking block's text, then its signature, before any other block's deltas.
    const firstSignature = deltas.indexOf('signature_delta');
    expect(deltas[0]).toBe('thinking_delta');
    expect(firstSignature).toBeGreaterThan(0);
    expect(deltas.slice(0, firstSignature).every((type) => type === 'thinking_delta')).toBe(true);
  });
});
