// Anthropic's Messages API end to end: the official `@anthropic-ai/sdk` client against the gateway, which
// translates `/v1/messages` to chat completions for Gemini and Azure, and passes it through natively to
// Claude on a mock Azure AI Foundry resource and a mock Vertex AI; plus the `openai` client's chat
// completions to the Claude mocks (provider-anthropic's translation). Gateway keys are on: the Anthropic
// client sends its key as `x-api-key`, or as a Bearer token (`authToken`, Claude Code's ANTHROPIC_AUTH_TOKEN).
import Anthropic from '@anthropic-ai/sdk';
import {
  type MockUpstream,
  type RecordedUpstreamRequest,
  readFixtureText,
  readJsonFixture,
  readRecordingFixture,
  recordingToMockReply,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLAUDE_TOKEN_PATH,
  CLAUDE_VERTEX_TOKEN,
  startClaudeVertexMock,
  startFoundryMock,
} from '../mocks/start-claude-mocks.js';
import { createGeminiFormatRoutes } from '../mocks/create-gemini-format-routes.js';
import { gemini } from '../mocks/gemini-format-bodies.js';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { createServiceAccountKey } from '../support/create-service-account-key.js';
import { fixturePath } from '../support/fixture-path.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const GATEWAY_KEY = 'messages-e2e-gateway-key';
const PROJECT = 'claude-project';
const REGION = 'us-east5';
// The signature Gemini 3 put on its recorded function call (generateContent.function-call.gemini-3-pro).
const RECORDED_SIGNATURE =
  'EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5';
const THINKING_RECORDING = readJsonFixture(
  fixturePath('gemini', 'generateContent.thinking-function-call-signature.response.json'),
);
const THINKING_SSE = readFixtureText(
  fixturePath('gemini', 'streamGenerateContent.thinking-function-call.sse.txt'),
);
// The recorded Gemini countTokens answer: 11 tokens.
const [COUNT_TOKENS] = readRecordingFixture(fixturePath('gemini', 'countTokens.recording.json'));

let gateway: RunningGateway;
let mocks: Record<'google' | 'azure' | 'foundry' | 'vertex', MockUpstream>;
let anthropic: Anthropic;
let removeKey: () => void;

beforeAll(async () => {
  const [google, azure, foundry, vertex] = await Promise.all([
    startMockUpstream([
      // gemini-2.5-pro answers with the recorded thinking + signed function call; every other model as the fleet's mock.
      {
        method: 'POST',
        path: /^\/v1beta\/models\/gemini-2\.5-pro:generateContent$/,
        reply: { body: THINKING_RECORDING },
      },
      {
        method: 'POST',
        path: /^\/v1beta\/models\/gemini-2\.5-pro:streamGenerateContent\?alt=sse$/,
        reply: { rawSse: THINKING_SSE },
      },
      {
        method: 'POST',
        path: /^\/v1beta\/models\/[^/:?]+:countTokens$/,
        reply: recordingToMockReply(COUNT_TOKENS!),
      },
      ...createGeminiFormatRoutes('/v1beta/models', {
        text: gemini.text,
        functionCall: gemini.functionCall,
        jsonSchema: gemini.jsonSchema.response.segments[0],
        stream: { rawSse: gemini.textSse },
        functionCallStream: { sse: gemini.functionCallChunks },
      }),
    ]),
    startAzureMock(),
    startFoundryMock(),
    startClaudeVertexMock(PROJECT, REGION),
  ]);
  mocks = { google, azure, foundry, vertex };
  const serviceAccount = createServiceAccountKey(`${vertex.url}${CLAUDE_TOKEN_PATH}`, PROJECT);
  removeKey = serviceAccount.remove;
  gateway = await startGateway({
    env: {
      MULTI_AI_PROXY_API_KEYS: GATEWAY_KEY,
      GOOGLE_AI_STUDIO_API_KEY: 'gemini-e2e-key',
      GOOGLE_AI_STUDIO_ENDPOINT: google.url,
      AZURE_OPENAI_ENDPOINT: azure.url,
      AZURE_OPENAI_API_KEY: 'azure-e2e-key',
      GOOGLE_APPLICATION_CREDENTIALS: serviceAccount.path,
    },
    config: {
      providers: [
        { name: 'google', package: '@multi-ai-proxy/provider-google' },
        { name: 'azure', package: '@multi-ai-proxy/provider-azure' },
        {
          name: 'foundry',
          package: '@multi-ai-proxy/provider-anthropic',
          options: { foundryBaseUrl: `${foundry.url}/anthropic`, foundryApiKey: 'foundry-e2e-key' },
        },
        {
          name: 'claude-vertex',
          package: '@multi-ai-proxy/provider-anthropic',
          options: {
            upstream: 'vertex',
            vertexProjectId: PROJECT,
            region: REGION,
            vertexBaseUrl: vertex.url,
            modelPatterns: [],
          },
        },
      ],
      // What Claude Code sends, mapped (README "Anthropic Messages API and Claude"): an exact id, and
      // globs for the dated ids to a Gemini model, to a model group and to Claude on Foundry.
      routes: {
        'claude-sonnet-4-5-20250929': 'google/gemini-2.5-flash',
        'claude-sonnet-*': 'google/gemini-2.5-pro',
        'claude-haiku-*': 'haiku-group',
        'claude-opus-*': 'foundry/claude-opus-4-8',
      },
      models: {
        'haiku-group': {
          deployments: [{ target: 'google/gemini-2.5-flash' }, { target: 'azure/gpt-4.1' }],
          strategy: 'ordered',
        },
      },
    },
  });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: GATEWAY_KEY, maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all(Object.values(mocks ?? {}).map((mock) => mock.close()));
  removeKey?.();
});

async function callsDuring(
  name: keyof typeof mocks,
  action: () => Promise<void>,
): Promise<RecordedUpstreamRequest[]> {
  const mock = mocks[name];
  const before = mock.requests.length;
  await action();
  return mock.requests.slice(before).filter((request) => request.path !== CLAUDE_TOKEN_PATH);
}

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

const weatherTool: Anthropic.Tool = {
  name: 'weather',
  description: 'Weather for a place',
  input_schema: { type: 'object', properties: { location: { type: 'string' } } },
};

describe('/v1/messages translated to Gemini', () => {
  it('messages.create: system → systemInstruction, a Claude message back with usage; a config route maps the claude id', async () => {
    let message!: Anthropic.Message;
    const calls = await callsDuring('google', async () => {
      message = await anthropic.messages.create({
        model: 'claude-sonnet-4-5-20250929',
        max_tokens: 64,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'Why is the sky blue?' }],
      });
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      stop_sequence: null,
    });
    expect(message.id).toMatch(/^msg_/);
    expect(message.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/Rayleigh Scattering/),
    });
    // The recorded answer stopped at MAX_TOKENS.
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage).toMatchObject({
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
      cache_read_input_tokens: expect.any(Number),
    });
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    const body = calls[0]!.json() as GeminiBody;
    expect(body.systemInstruction?.parts).toEqual([{ text: 'Be brief.' }]);
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'Why is the sky blue?' }] }]);
    expect(body.generationConfig?.maxOutputTokens).toBe(64);
  });

  it('messages.stream: message_start, ping, one text block, message_delta with usage, message_stop — in order', async () => {
    const types: string[] = [];
    const stream = anthropic.messages.stream({
      model: 'google/gemini-2.5-flash',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Capital of Wyoming?' }],
    });
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalMessage();
    const deltas = types.filter((type) => type === 'content_block_delta').length;
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      ...Array(deltas).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(final.content).toEqual(
      [{ type: 'text', text: 'The capital of Wyoming is **Cheyenne**.\n', citations: null }].map(
        ({ citations: _, ...block }) => block,
      ),
    );
    expect(final.usage.output_tokens).toBeGreaterThan(0);
  });

  it('tools over two turns on Gemini 3: the thought signature rides in tool_use.id and reaches Gemini again; the tool_result name is recovered', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in San Francisco?' };
    const first = await anthropic.messages.create({
      model: 'google/gemini-3-pro-preview',
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
    const calls = await callsDuring('google', async () => {
      const second = await anthropic.messages.create({
        model: 'google/gemini-3-pro-preview',
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
    const body = calls[0]!.json() as GeminiBody;
    expect(body.contents[1]!.parts).toContainEqual(
      expect.objectContaining({
        functionCall: { name: 'weather', args: { location: 'San Francisco' } },
        thoughtSignature: RECORDED_SIGNATURE,
      }),
    );
    expect(body.contents[2]!.parts[0]).toMatchObject({ functionResponse: { name: 'weather' } });
  });

  it('a streamed Gemini tool call: tool_use block with empty input, then its arguments as input_json_delta', async () => {
    const events: Anthropic.MessageStreamEvent[] = [];
    const stream = anthropic.messages.stream({
      model: 'google/gemini-3-pro-preview',
      max_tokens: 256,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
    });
    for await (const event of stream) events.push(event);
    const start = events.find(
      (event): event is Anthropic.RawContentBlockStartEvent =>
        event.type === 'content_block_start' && event.content_block.type === 'tool_use',
    )!;
    expect(start.content_block).toMatchObject({ type: 'tool_use', name: 'weather', input: {} });
    const json = events
      .filter(
        (event): event is Anthropic.RawContentBlockDeltaEvent =>
          event.type === 'content_block_delta' &&
          event.index === start.index &&
          event.delta.type === 'input_json_delta',
      )
      .map((event) => (event.delta as Anthropic.InputJSONDelta).partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ location: 'San Francisco' });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content.find((block) => block.type === 'tool_use')).toMatchObject({
      input: { location: 'San Francisco' },
    });
  });

  it('thinking: budget → Gemini thinkingConfig, thought text → a thinking block (gateway signature), streamed as thinking_delta + signature_delta', async () => {
    let message!: Anthropic.Message;
    const calls = await callsDuring('google', async () => {
      message = await anthropic.messages.create({
        model: 'google/gemini-2.5-pro',
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'Days until New Year’s Eve?' }],
      });
    });
    expect((calls[0]!.json() as GeminiBody).generationConfig?.thinkingConfig).toMatchObject({
      includeThoughts: true,
    });
    expect(message.content[0]).toMatchObject({
      type: 'thinking',
      thinking: expect.stringContaining('New Year'),
      signature: expect.any(String),
    });
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'now',
    });

    const types: string[] = [];
    const stream = anthropic.messages.stream({
      model: 'google/gemini-2.5-pro',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Days until New Year’s Eve?' }],
    });
    for await (const event of stream)
      if (event.type === 'content_block_delta') types.push(event.delta.type);
    expect(types).toContain('thinking_delta');
    expect(types.indexOf('signature_delta')).toBeGreaterThan(types.indexOf('thinking_delta'));
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'thinking', signature: expect.any(String) });
  });

  it('count_tokens: Gemini’s own countTokens (the recorded count); a malformed request is an invalid_request_error in Anthropic’s envelope', async () => {
    let counted!: { data: Anthropic.MessageTokensCount; response: Response };
    const calls = await callsDuring('google', async () => {
      counted = await anthropic.messages
        .countTokens({
          model: 'google/gemini-2.5-flash',
          system: 'Be brief.',
          messages: [{ role: 'user', content: 'The quick brown fox jumps over the lazy dog.' }],
          tools: [weatherTool],
        })
        .withResponse();
    });
    expect(counted.data).toEqual({ input_tokens: 11 });
    expect(counted.response.headers.get('x-multi-ai-proxy-token-count')).toBe('upstream');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/v1beta/models/gemini-2.5-flash:countTokens');
    // System text and tools are counted too: the Gemini API takes them in a generateContentRequest.
    expect(calls[0]!.json()).toEqual({
      generateContentRequest: {
        model: 'models/gemini-2.5-flash',
        contents: [
          { role: 'user', parts: [{ text: 'The quick brown fox jumps over the lazy dog.' }] },
        ],
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        tools: [
          {
            functionDeclarations: [
              expect.objectContaining({ name: 'weather', description: 'Weather for a place' }),
            ],
          },
        ],
      },
    });
    const error = await anthropic.messages
      .create({
        model: 'google/gemini-2.5-flash',
        max_tokens: 0,
        messages: [{ role: 'user', content: 'x' }],
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.BadRequestError>).error).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
    });
  });
});

describe('/v1/messages translated to Azure OpenAI', () => {
  it('count_tokens on a provider without countTokens is the gateway’s estimate, and says so', async () => {
    const calls = await callsDuring('azure', async () => {
      const counted = await anthropic.messages
        .countTokens({
          model: 'azure/gpt-4.1',
          messages: [{ role: 'user', content: 'Hello there, how are you?' }],
        })
        .withResponse();
      // About four characters per token over the translated messages.
      expect(counted.data.input_tokens).toBeGreaterThan(5);
      expect(counted.data.input_tokens).toBeLessThan(30);
      expect(counted.response.headers.get('x-multi-ai-proxy-token-count')).toBe('estimate');
    });
    expect(calls).toHaveLength(0);
  });

  it('messages.create and messages.stream on an Azure deployment', async () => {
    const calls = await callsDuring('azure', async () => {
      const message = await anthropic.messages.create({
        model: 'azure/gpt-4.1',
        max_tokens: 32,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(message.content[0]).toMatchObject({ type: 'text', text: expect.any(String) });
      expect((message.content[0] as Anthropic.TextBlock).text.length).toBeGreaterThan(0);
      const stream = anthropic.messages.stream({
        model: 'azure/gpt-4.1',
        max_tokens: 32,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      const final = await stream.finalMessage();
      expect(final.content[0]?.type).toBe('text');
    });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.json()).toMatchObject({
      messages: [{ role: 'user', content: 'Hi' }],
      max_completion_tokens: 32,
    });
  });
});

describe('/v1/messages tools over two turns on Azure OpenAI', () => {
  type ChatBody = {
    messages: Array<{
      role: string;
      content?: unknown;
      tool_calls?: Array<{
        id: string;
        type: string;
        function: { name: string; arguments: string };
      }>;
      tool_call_id?: string;
    }>;
    tools?: Array<{ type: string; function: { name: string; parameters?: unknown } }>;
  };

  // No recorded Azure chat tool call exists (fixtures/upstream/azure): the mock's tool call is the
  // synthetic one of test/mocks/openai-format-bodies.ts (`call_e2e_1`, OpenAI API reference shape).
  it('a tool call → tool_use (stop_reason tool_use); the tool_result → assistant tool_calls and a role:tool message with its id', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in San Francisco?' };
    let first!: Anthropic.Message;
    const firstCalls = await callsDuring('azure', async () => {
      first = await anthropic.messages.create({
        model: 'azure/gpt-4.1',
        max_tokens: 128,
        tools: [weatherTool],
        messages: [question],
      });
    });
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content).toEqual([
      { type: 'tool_use', id: 'call_e2e_1', name: 'weather', input: { location: 'San Francisco' } },
    ]);
    expect((firstCalls[0]!.json() as ChatBody).tools).toEqual([
      {
        type: 'function',
        function: expect.objectContaining({
          name: 'weather',
          description: 'Weather for a place',
          parameters: weatherTool.input_schema,
        }),
      },
    ]);

    let second!: Anthropic.Message;
    const calls = await callsDuring('azure', async () => {
      second = await anthropic.messages.create({
        model: 'azure/gpt-4.1',
        max_tokens: 128,
        tools: [weatherTool],
        messages: [
          question,
          { role: 'assistant', content: first.content },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'call_e2e_1', content: '18°C and sunny' },
            ],
          },
        ],
      });
    });
    // The recorded Azure answer, now that the last turn is the tool's.
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('Hello'),
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toMatch(
      /^\/openai\/deployments\/gpt-4\.1\/chat\/completions\?api-version=/,
    );
    const body = calls[0]!.json() as ChatBody;
    expect(body.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(body.messages[1]).toMatchObject({
      role: 'assistant',
      tool_calls: [
        {
          id: 'call_e2e_1',
          type: 'function',
          function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
        },
      ],
    });
    expect(body.messages[2]).toEqual({
      role: 'tool',
      tool_call_id: 'call_e2e_1',
      content: '18°C and sunny',
    });
  });
});

describe('/v1/messages passed through to Claude', () => {
  it('Foundry: the recorded message, the server key in x-api-key, anthropic-beta filtered, the gateway key never forwarded', async () => {
    let message!: Anthropic.Message;
    const calls = await callsDuring('foundry', async () => {
      message = await anthropic.messages.create(
        {
          model: 'foundry/claude-sonnet-4-5',
          max_tokens: 64,
          messages: [{ role: 'user', content: 'Hi' }],
        },
        {
          headers: {
            'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14',
            'anthropic-version': '2023-06-01',
          },
        },
      );
    });
    expect(message).toMatchObject({
      id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      content: [{ type: 'text', text: 'Hi! My name is Claude.' }],
    });
    expect(calls[0]!.path).toBe('/anthropic/v1/messages');
    expect(calls[0]!.headers['x-api-key']).toBe('foundry-e2e-key');
    expect(calls[0]!.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    // The client's anthropic-version is passed on to Foundry.
    expect(calls[0]!.headers['anthropic-version']).toBe('2023-06-01');
    expect(JSON.stringify(calls[0]!.headers)).not.toContain(GATEWAY_KEY);
    expect(calls[0]!.json()).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it("Foundry stream: the recorded SDK stream reaches the client; the gateway's own thinking blocks are stripped first", async () => {
    const calls = await callsDuring('foundry', async () => {
      const stream = anthropic.messages.stream({
        model: 'foundry/claude-opus-4-8',
        max_tokens: 64,
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            content: [
              {
                type: 'thinking',
                thinking: 'Gemini thought',
                signature: 'multi-ai-proxy.thinking.v1',
              },
              { type: 'text', text: 'Let me check.' },
            ],
          },
          { role: 'user', content: 'Paris, please.' },
        ],
      });
      const final = await stream.finalMessage();
      expect(final.content.find((block) => block.type === 'tool_use')).toMatchObject({
        id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn',
        input: { location: 'Paris' },
      });
    });
    expect(
      (calls[0]!.json() as { messages: Array<{ content: unknown }> }).messages[1]!.content,
    ).toEqual([{ type: 'text', text: 'Let me check.' }]);
  });

  it('Vertex: rawPredict with a Google token, anthropic_version in the body; count_tokens on Foundry is its own count', async () => {
    const calls = await callsDuring('vertex', async () => {
      const message = await anthropic.messages.create({
        model: 'claude-vertex/claude-sonnet-4-5@20250929',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(message.content[0]).toMatchObject({ text: 'Hi! My name is Claude.' });
    });
    expect(calls[0]!.path).toBe(
      `/v1/projects/${PROJECT}/locations/${REGION}/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict`,
    );
    expect(calls[0]!.headers.authorization).toBe(`Bearer ${CLAUDE_VERTEX_TOKEN}`);
    expect(calls[0]!.json()).toEqual({
      anthropic_version: 'vertex-2023-10-16',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const counted = await anthropic.messages
      .countTokens({
        model: 'foundry/claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .withResponse();
    // The recorded count_tokens answer of Anthropic's API reference.
    expect(counted.data).toEqual({ input_tokens: 2095 });
    expect(counted.response.headers.get('x-multi-ai-proxy-token-count')).toBe('upstream');
  });

  it('an overloaded Claude: 529 with overloaded_error for the Anthropic client, retryable 529 for the openai client', async () => {
    const error = await anthropic.messages
      .create({
        model: 'foundry/overloaded',
        max_tokens: 1,
        messages: [{ role: 'user', content: 'x' }],
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.stringContaining('Overloaded') },
    });
    const openai = new OpenAI({ baseURL: gateway.baseURL, apiKey: GATEWAY_KEY, maxRetries: 0 });
    const chatError = await openai.chat.completions
      .create({ model: 'foundry/overloaded', messages: [{ role: 'user', content: 'x' }] })
      .catch((thrown: unknown) => thrown);
    expect(chatError).toBeInstanceOf(OpenAI.APIError);
    expect(chatError).toMatchObject({ status: 529, error: { type: 'overloaded_error' } });
  });
});

describe('chat completions to Claude (openai client)', () => {
  const openai = () => new OpenAI({ baseURL: gateway.baseURL, apiKey: GATEWAY_KEY, maxRetries: 0 });

  it('Foundry: create with a tool, the recorded tool_use as a tool call; the request translated to Messages', async () => {
    const calls = await callsDuring('foundry', async () => {
      const completion = await openai().chat.completions.create({
        model: 'foundry/claude-sonnet-4-5',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Weather in San Francisco?' },
        ],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              parameters: { type: 'object', properties: { location: { type: 'string' } } },
            },
          },
        ],
        max_tokens: 100,
      });
      expect(completion.choices[0]).toMatchObject({
        finish_reason: 'tool_calls',
        message: {
          tool_calls: [
            {
              id: 'toolu_01A09q90qw90lq917835lq9',
              function: {
                name: 'get_weather',
                arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
              },
            },
          ],
        },
      });
      expect(completion.usage).toMatchObject({
        prompt_tokens: 472,
        completion_tokens: 91,
        prompt_tokens_details: { cached_tokens: 0 },
      });
    });
    expect(calls[0]!.json()).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: [{ type: 'text', text: 'Be brief.' }],
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
    });
  });

  it('Vertex: a stream through streamRawPredict, thinking as reasoning_content, usage at the end', async () => {
    const stream = await openai().chat.completions.create({
      model: 'claude-vertex/claude-sonnet-4-6',
      messages: [{ role: 'user', content: 'GCD of 1071 and 462?' }],
      reasoning_effort: 'low',
      stream: true,
      stream_options: { include_usage: true },
    });
    let reasoning = '';
    let content = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as
        | { content?: string; reasoning_content?: string }
        | undefined;
      reasoning += delta?.reasoning_content ?? '';
      content += delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(reasoning).toContain('GCD(1071, 462) = 21');
    expect(content).toBe('The greatest common divisor of 1071 and 462 is **21**.');
    expect(finish).toBe('stop');
    const sent = mocks.vertex.requests
      .filter((request) => request.path.endsWith(':streamRawPredict'))
      .at(-1)!;
    expect(sent.json()).toMatchObject({
      anthropic_version: 'vertex-2023-10-16',
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
  });
});

describe('auth and discovery', () => {
  it('the Anthropic client with a Bearer token (ANTHROPIC_AUTH_TOKEN) is accepted; a wrong x-api-key is an authentication_error envelope', async () => {
    const bearer = new Anthropic({
      baseURL: gateway.url,
      authToken: GATEWAY_KEY,
      apiKey: null,
      maxRetries: 0,
    });
    const message = await bearer.messages.create({
      model: 'google/gemini-2.5-flash',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(message.type).toBe('message');
    const wrong = new Anthropic({ baseURL: gateway.url, apiKey: 'wrong-key', maxRetries: 0 });
    const error = await wrong.messages
      .create({
        model: 'google/gemini-2.5-flash',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    });
    expect(
      JSON.stringify((error as InstanceType<typeof Anthropic.AuthenticationError>).error),
    ).not.toContain('wrong-key');
  });

  it('GET /v1/models with anthropic-version answers in Anthropic’s page shape (the claude routes included, no glob)', async () => {
    const page = await anthropic.models.list();
    const ids = page.data.map((model) => model.id);
    expect(ids).toContain('claude-sonnet-4-5-20250929');
    expect(ids).toContain('haiku-group');
    expect(ids.filter((id) => id.includes('*'))).toEqual([]);
    expect(page.data[0]).toMatchObject({
      type: 'model',
      id: expect.any(String),
      display_name: expect.any(String),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});

describe('glob routes for the dated ids Claude Code sends', () => {
  it('an exact route wins over a glob; other dated sonnet ids take the claude-sonnet-* glob to Gemini', async () => {
    const calls = await callsDuring('google', async () => {
      const message = await anthropic.messages.create({
        model: 'claude-sonnet-4-20250514',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [weatherTool],
      });
      // The client's model comes back, not the routed one.
      expect(message.model).toBe('claude-sonnet-4-20250514');
      expect(message.content.some((block) => block.type === 'tool_use')).toBe(true);
    });
    expect(calls.map((call) => call.path)).toEqual([
      '/v1beta/models/gemini-2.5-pro:generateContent',
    ]);
  });

  it('claude-opus-* goes to Claude on Foundry, which receives the routed model in the bytes', async () => {
    const calls = await callsDuring('foundry', async () => {
      const message = await anthropic.messages.create({
        model: 'claude-opus-4-1-20250805',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(message.content[0]).toMatchObject({ text: 'Hi! My name is Claude.' });
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.json()).toEqual({
      model: 'claude-opus-4-8',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it('claude-haiku-* names a model group: the router picks its first deployment; count_tokens counts there', async () => {
    const calls = await callsDuring('google', async () => {
      const { data, response } = await anthropic.messages
        .create({
          model: 'claude-haiku-4-5-20251001',
          max_tokens: 64,
          messages: [{ role: 'user', content: 'Why is the sky blue?' }],
        })
        .withResponse();
      expect(data.model).toBe('claude-haiku-4-5-20251001');
      expect(data.content[0]).toMatchObject({ type: 'text' });
      expect(response.headers.get('x-multi-ai-proxy-target')).toBe('google/gemini-2.5-flash');
      const counted = await anthropic.messages
        .countTokens({
          model: 'claude-haiku-4-5-20251001',
          messages: [{ role: 'user', content: 'The quick brown fox jumps over the lazy dog.' }],
        })
        .withResponse();
      expect(counted.data).toEqual({ input_tokens: 11 });
      expect(counted.response.headers.get('x-multi-ai-proxy-token-count')).toBe('upstream');
    });
    expect(calls.map((call) => call.path)).toEqual([
      '/v1beta/models/gemini-2.5-flash:generateContent',
      '/v1beta/models/gemini-2.5-flash:countTokens',
    ]);
  });

  it('a dated id no glob matches is routed as before (here: the Claude provider’s claude-* pattern)', async () => {
    const calls = await callsDuring('foundry', async () => {
      await anthropic.messages.create({
        model: 'claude-3-7-future-20990101',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'Hi' }],
      });
    });
    expect((calls[0]!.json() as { model: string }).model).toBe('claude-3-7-future-20990101');
  });
});
