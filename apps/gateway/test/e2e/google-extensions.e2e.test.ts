// Clients written for Google's own OpenAI-compatible endpoint (ai.google.dev/gemini-api/docs/openai and
// the thought-signatures page), with the `openai` client against the real gateway process: Google's
// `extra_body` reaches Gemini and Vertex as GenerateContent fields, values Gemini rejects are refused
// before any upstream call, and Gemini 3 thought signatures travel as `extra_content` both ways.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gemini } from '../mocks/gemini-format-bodies.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { type ProviderFleet, startProviderFleet } from '../support/start-provider-fleet.js';

type Body = {
  generationConfig?: Record<string, unknown>;
  cachedContent?: string;
  safetySettings?: unknown[];
  contents?: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
};
type GoogleToolCall = OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall & {
  extra_content?: { google?: { thought_signature?: string } };
};

let fleet: ProviderFleet;
let client: OpenAI;
const recordedSignature = (
  gemini.functionCall as {
    candidates: Array<{ content: { parts: Array<{ thoughtSignature: string }> } }>;
  }
).candidates[0]!.content.parts[0]!.thoughtSignature;
const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'weather',
    description: 'Get the weather',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' } },
      required: ['location'],
    },
  },
};

beforeAll(async () => {
  fleet = await startProviderFleet();
  client = new OpenAI({ baseURL: fleet.gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
});
afterAll(async () => {
  await fleet?.stop();
});
beforeEach(() => {
  fleet.mocks.google.requests.length = 0;
  fleet.mocks.vertex.requests.length = 0;
});

const generateCalls = (mock: 'google' | 'vertex') =>
  fleet.mocks[mock].requests.filter(
    (request) =>
      request.path.includes(':generateContent') || request.path.includes(':streamGenerateContent'),
  );

describe.each([
  ['google', 'google/gemini-2.5-flash'],
  ['vertex', 'vertex/gemini-2.5-flash'],
] as const)('extra_body on %s', (mock, model) => {
  it('sends thinking_config, cached_content and safety_settings as Gemini fields (the SDK merges extra_body into the body)', async () => {
    const cache =
      mock === 'google'
        ? 'cachedContents/0000aaaa1111bbbb2222cccc3333dddd4444eeee'
        : 'projects/e2e-project/locations/us-central1/cachedContents/123';
    const completion = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Explain to me how AI works' }],
      // @ts-expect-error Google's extension, not an OpenAI parameter
      google: {
        thinking_config: { thinking_budget: 1024, include_thoughts: true },
        cached_content: cache,
        safety_settings: [
          { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_ONLY_HIGH' },
        ],
      },
    });
    expect(completion.object).toBe('chat.completion');
    const [sent] = generateCalls(mock);
    const body = sent?.json() as Body;
    expect(body.generationConfig?.thinkingConfig).toEqual({
      thinkingBudget: 1024,
      includeThoughts: true,
    });
    expect(body.cachedContent).toBe(cache);
    expect(body.safetySettings).toEqual([
      { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_ONLY_HIGH' },
    ]);
    expect(body).not.toHaveProperty('google');
  });

  it("reads the nested extra_body.google of Google's Python example, streamed", async () => {
    // Google's extension, not an OpenAI parameter: sent as the SDK sends any extra field.
    const params = {
      model,
      stream: true,
      messages: [{ role: 'user', content: 'Explain to me how AI works' }],
      extra_body: { google: { thinking_config: { include_thoughts: true } } },
    };
    const stream = await client.chat.completions.create(
      params as OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming,
    );
    for await (const _chunk of stream) {
      // drain
    }
    expect(
      (generateCalls(mock)[0]?.json() as Body | undefined)?.generationConfig?.thinkingConfig,
    ).toEqual({ includeThoughts: true });
  });

  it('refuses reasoning_effort with an explicit thinking budget before calling the upstream', async () => {
    const overlap = await expectOpenAIApiError(
      client.chat.completions.create({
        model,
        reasoning_effort: 'low',
        messages: [{ role: 'user', content: 'hi' }],
        // @ts-expect-error Google's extension, not an OpenAI parameter
        google: { thinking_config: { thinking_budget: 2048 } },
      }),
    );
    expect(overlap).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'reasoning_effort',
    });
    const stops = await expectOpenAIApiError(
      client.chat.completions.create({
        model,
        stop: ['1', '2', '3', '4', '5', '6'],
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(stops).toMatchObject({ status: 400, param: 'stop' });
    expect(generateCalls(mock)).toEqual([]);
  });
});

describe('Gemini 3 thought signatures as extra_content (Google AI Studio)', () => {
  it('answers tool calls with extra_content.google.thought_signature, buffered and streamed', async () => {
    const completion = await client.chat.completions.create({
      model: 'google/gemini-3-pro-preview',
      messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
      tools: [weatherTool],
    });
    const [call] = (completion.choices[0]?.message.tool_calls ?? []) as GoogleToolCall[];
    expect(call?.extra_content?.google?.thought_signature).toBe(recordedSignature);

    const stream = await client.chat.completions.create({
      model: 'google/gemini-3-pro-preview',
      stream: true,
      messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
      tools: [weatherTool],
    });
    const opened: Array<{ id?: string; extra_content?: unknown }> = [];
    for await (const chunk of stream)
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? [])
        if (delta.id) opened.push(delta as { id?: string; extra_content?: unknown });
    expect(opened).toHaveLength(1);
    expect(
      (opened[0]?.extra_content as { google?: { thought_signature?: string } } | undefined)?.google
        ?.thought_signature,
    ).toMatch(/^EqUCCqICAb4/);
  });

  it('sends the real signature upstream when the client returns only extra_content (ids stripped of the gateway encoding, role "model")', async () => {
    const first = await client.chat.completions.create({
      model: 'google/gemini-3-pro-preview',
      messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
      tools: [weatherTool],
    });
    const [call] = (first.choices[0]?.message.tool_calls ?? []) as GoogleToolCall[];
    // A client that keeps its own ids and Google's extra_content, as code written for Google's endpoint does.
    const replayed = {
      id: 'function-call-1',
      type: 'function' as const,
      function: call!.function,
      extra_content: call!.extra_content,
    };
    const second = await client.chat.completions.create({
      model: 'google/gemini-3-pro-preview',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in San Francisco?' },
        { role: 'model' as 'assistant', content: null, tool_calls: [replayed] },
        { role: 'tool', tool_call_id: 'function-call-1', content: '{"temperature":18,"unit":"C"}' },
      ],
    });
    expect(second.choices[0]?.message.content).toBeTruthy();
    const upstream = generateCalls('google').at(-1)?.json() as Body;
    const modelTurn = upstream.contents?.find((turn) => turn.role === 'model');
    expect(modelTurn?.parts[0]).toEqual({
      functionCall: { id: 'function-call-1', name: 'weather', args: { location: 'San Francisco' } },
      thoughtSignature: recordedSignature,
    });
    expect(JSON.stringify(upstream)).not.toContain('skip_thought_signature_validator');
  });
});
