// The official `openai` client's Responses API (`responses.create`, `responses.stream`) against the
// Gemini API and Vertex mocks: the gateway translates to chat completions, the Google providers to
// Gemini, and back. Each scenario asserts what the client got and what the upstream received.
import type { RecordedUpstreamRequest } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GEMINI_STREAM_TEXT } from '../mocks/gemini-format-bodies.js';
import { VERTEX_TOKEN_PATH } from '../mocks/start-vertex-mock.js';
import { type ProviderFleet, startProviderFleet } from '../support/start-provider-fleet.js';

const PNG_DATA =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
// The signature Gemini 3 put on its recorded function call (generateContent.function-call.gemini-3-pro).
const RECORDED_SIGNATURE =
  'EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5';

let fleet: ProviderFleet;
let client: OpenAI;

beforeAll(async () => {
  fleet = await startProviderFleet();
  client = new OpenAI({ baseURL: fleet.gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
});

afterAll(async () => {
  await fleet?.stop();
});

type Upstream = 'google' | 'vertex';
const ROWS: Array<{
  name: Upstream;
  model: string;
  toolName: string;
  text: RegExp;
  streamText: string | RegExp;
}> = [
  {
    name: 'google',
    model: 'google/gemini-2.5-flash',
    toolName: 'weather',
    text: /Rayleigh Scattering/,
    streamText: GEMINI_STREAM_TEXT,
  },
  {
    name: 'vertex',
    model: 'vertex/gemini-2.5-flash',
    toolName: 'sum',
    text: /Rayleigh scattering/,
    streamText: /^The sky appears blue due to a phenomenon called \*\*Rayleigh scattering\*\*/,
  },
];

async function upstreamCallsDuring(
  name: Upstream,
  action: () => Promise<void>,
): Promise<RecordedUpstreamRequest[]> {
  const mock = fleet.mocks[name];
  const before = mock.requests.length;
  await action();
  return mock.requests.slice(before).filter((request) => request.path !== VERTEX_TOKEN_PATH);
}

type GeminiBody = {
  contents: Array<{
    role: string;
    parts: Array<{
      text?: string;
      thoughtSignature?: string;
      inlineData?: unknown;
      functionCall?: { name: string; args?: unknown };
      functionResponse?: { name: string; response?: unknown };
    }>;
  }>;
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<{ functionDeclarations?: Array<{ name: string }> }>;
  generationConfig?: Record<string, unknown>;
};

describe.each(ROWS)('Responses API on $name', (row) => {
  it('responses.create: a Response object with every usage field; instructions become the system instruction', async () => {
    let response!: OpenAI.Responses.Response;
    const calls = await upstreamCallsDuring(row.name, async () => {
      response = await client.responses.create({
        model: row.model,
        instructions: 'Be brief.',
        input: 'Why is the sky blue?',
      });
    });
    expect(response).toMatchObject({ object: 'response', model: row.model, store: false });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output_text).toMatch(row.text);
    // The recorded answers stopped at MAX_TOKENS.
    expect(response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
    expect(response.usage).toEqual({
      input_tokens: expect.any(Number),
      input_tokens_details: { cached_tokens: expect.any(Number) },
      output_tokens: expect.any(Number),
      output_tokens_details: { reasoning_tokens: expect.any(Number) },
      total_tokens: expect.any(Number),
    });
    expect(calls).toHaveLength(1);
    const body = calls[0]!.json() as GeminiBody;
    expect(body.systemInstruction?.parts).toEqual([{ text: 'Be brief.' }]);
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'Why is the sky blue?' }] }]);
  });

  it('responses.stream: the lifecycle events in order, each with type and increasing sequence_number', async () => {
    const types: string[] = [];
    const sequence: number[] = [];
    let text = '';
    const stream = client.responses.stream({ model: row.model, input: 'Capital of Wyoming?' });
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      expect.stringMatching(/^response\.(completed|incomplete)$/),
    ]);
    expect(sequence).toEqual(sequence.map((_, index) => index));
    if (typeof row.streamText === 'string') expect(text).toBe(row.streamText);
    else expect(text).toMatch(row.streamText);
    expect(final.output_text).toBe(text);
    expect(final.usage?.output_tokens_details.reasoning_tokens).toEqual(expect.any(Number));
  });

  it('tools over two turns: function_call items out, function_call_output back as a Gemini functionResponse', async () => {
    const tools: OpenAI.Responses.Tool[] = [
      {
        type: 'function',
        name: row.toolName,
        description: 'Tool of the recorded answer',
        parameters: { type: 'object', properties: {} },
        strict: false,
      },
    ];
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'Use the tool.' }];
    const first = await client.responses.create({ model: row.model, input, tools });
    const calls = first.output.filter(
      (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
    );
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls)
      expect(call).toMatchObject({
        name: row.toolName,
        status: 'completed',
        id: expect.stringMatching(/^fc_/),
      });
    expect(() => JSON.parse(calls[0]!.arguments)).not.toThrow();

    const followUp: OpenAI.Responses.ResponseInput = [
      ...input,
      ...calls,
      ...calls.map((call) => ({
        type: 'function_call_output' as const,
        call_id: call.call_id,
        output: '{"result":"ok"}',
      })),
    ];
    let second!: OpenAI.Responses.Response;
    const upstream = await upstreamCallsDuring(row.name, async () => {
      second = await client.responses.create({ model: row.model, input: followUp, tools });
    });
    expect(second.output_text.length).toBeGreaterThan(0);
    const body = upstream[0]!.json() as GeminiBody;
    expect(body.contents.map((turn) => turn.role)).toEqual(['user', 'model', 'user']);
    expect(body.contents[1]!.parts.map((part) => part.functionCall?.name)).toEqual(
      calls.map(() => row.toolName),
    );
    expect(body.contents[2]!.parts.map((part) => part.functionResponse?.name)).toEqual(
      calls.map(() => row.toolName),
    );
  });

  it('text.format json_schema becomes responseJsonSchema, and the answer is JSON', async () => {
    let response!: OpenAI.Responses.Response;
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' } },
      required: ['name'],
      additionalProperties: false,
    };
    const upstream = await upstreamCallsDuring(row.name, async () => {
      response = await client.responses.create({
        model: row.model,
        input: 'Name a city.',
        text: { format: { type: 'json_schema', name: 'city', schema, strict: true } },
      });
    });
    expect(() => JSON.parse(response.output_text)).not.toThrow();
    expect((upstream[0]!.json() as GeminiBody).generationConfig).toMatchObject({
      responseMimeType: 'application/json',
    });
  });

  it('input_image (a data URL) reaches the upstream as inlineData', async () => {
    const upstream = await upstreamCallsDuring(row.name, async () => {
      await client.responses.create({
        model: row.model,
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'What is this?' },
              {
                type: 'input_image',
                image_url: `data:image/png;base64,${PNG_DATA}`,
                detail: 'auto',
              },
            ],
          },
        ],
      });
    });
    expect((upstream[0]!.json() as GeminiBody).contents[0]!.parts).toEqual([
      { text: 'What is this?' },
      { inlineData: { mimeType: 'image/png', data: PNG_DATA } },
    ]);
  });
});

describe('Responses API with Gemini 3 thought signatures', () => {
  it('the signature of a function call survives the round trip in call_id, streamed and not', async () => {
    const tools: OpenAI.Responses.Tool[] = [
      {
        type: 'function',
        name: 'weather',
        parameters: { type: 'object', properties: { location: { type: 'string' } } },
        strict: false,
      },
    ];
    const input: OpenAI.Responses.ResponseInput = [
      { role: 'user', content: 'Weather in San Francisco?' },
    ];
    const first = await client.responses.create({
      model: 'google/gemini-3-pro-preview',
      input,
      tools,
      include: ['reasoning.encrypted_content'],
    });
    const call = first.output.find(
      (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
    )!;
    expect(call).toMatchObject({ name: 'weather', arguments: '{"location":"San Francisco"}' });
    const upstream = await upstreamCallsDuring('google', async () => {
      await client.responses.create({
        model: 'google/gemini-3-pro-preview',
        input: [
          ...input,
          call,
          { type: 'function_call_output', call_id: call.call_id, output: '18°C' },
        ],
        tools,
      });
    });
    const body = upstream[0]!.json() as GeminiBody;
    expect(body.contents[1]!.parts[0]).toMatchObject({
      functionCall: { name: 'weather', args: { location: 'San Francisco' } },
      thoughtSignature: RECORDED_SIGNATURE,
    });

    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    const stream = client.responses.stream({ model: 'google/gemini-3-pro-preview', input, tools });
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    const delta = events.find((event) => event.type === 'response.function_call_arguments.delta');
    const done = events.find((event) => event.type === 'response.function_call_arguments.done');
    expect(types.indexOf('response.function_call_arguments.delta')).toBeLessThan(
      types.indexOf('response.function_call_arguments.done'),
    );
    expect(delta).toMatchObject({ delta: '{"location":"San Francisco"}' });
    expect(done).toMatchObject({ arguments: '{"location":"San Francisco"}', name: 'weather' });
    const streamed = (await stream.finalResponse()).output.find(
      (item) => item.type === 'function_call',
    ) as OpenAI.Responses.ResponseFunctionToolCall;
    expect(streamed.call_id).toContain('__thought__');
  });

  it('previous_response_id is a 400 naming the parameter (nothing is stored)', async () => {
    const error = await client.responses
      .create({ model: 'google/gemini-2.5-flash', input: 'x', previous_response_id: 'resp_1' })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
      type: 'invalid_request_error',
      param: 'previous_response_id',
    });
  });

  it('a built-in tool the provider cannot run is a 400 naming it', async () => {
    const error = await client.responses
      .create({
        model: 'vertex/gemini-2.5-flash',
        input: 'x',
        tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }],
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('file_search');
  });
});
