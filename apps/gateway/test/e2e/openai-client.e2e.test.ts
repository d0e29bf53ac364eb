// The official `openai` client against every first-party provider at once (one gateway process, four
// mock upstreams replaying recorded answers), routed by instance prefix. The same scenarios run for each
// provider (a table-driven matrix), and each asserts both sides: what the client got, what the upstream got.
import type { RecordedUpstreamRequest } from '@multi-ai-proxy/core/testing';
import {
  checkChatCompletion,
  checkChatCompletionChunks,
  checkCompletion,
  checkEmbeddingResponse,
  checkModelList,
} from '@multi-ai-proxy/core/testing';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedContentFilterError } from '../mocks/openai-format-bodies.js';
import { VERTEX_TOKEN_PATH } from '../mocks/start-vertex-mock.js';
import {
  FLEET_LOCATION as LOCATION,
  FLEET_PROJECT as PROJECT,
  type ProviderFleet,
  startProviderFleet,
} from '../support/start-provider-fleet.js';
import type { RunningGateway } from '../support/start-gateway.js';
import { PROVIDER_ROWS, type ProviderRow, type Scenario } from './provider-matrix.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';

// A 1×1 PNG, as a client would send a small screenshot.
const PNG_DATA =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

let fleet: ProviderFleet;
let gateway: RunningGateway;
let client: OpenAI;
let mocks: ProviderFleet['mocks'];

beforeAll(async () => {
  fleet = await startProviderFleet();
  ({ gateway, mocks } = fleet);
  client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
});

afterAll(async () => {
  await fleet?.stop();
});

/** Upstream calls of a provider made during `action` (the token endpoint excluded). */
async function upstreamCallsDuring(
  row: ProviderRow,
  action: () => Promise<void>,
): Promise<RecordedUpstreamRequest[]> {
  const mock = mocks[row.name];
  const before = mock.requests.length;
  await action();
  const calls = mock.requests.slice(before).filter((request) => request.path !== VERTEX_TOKEN_PATH);
  for (const call of calls) row.checkAuth(call);
  return calls;
}

const matches = (text: string | null | undefined, expected: string | RegExp) =>
  typeof expected === 'string' ? expect(text).toBe(expected) : expect(text).toMatch(expected);

const SCENARIOS: Record<Scenario, (row: ProviderRow) => Promise<void>> = {
  async chat(row) {
    let completion!: OpenAI.ChatCompletion;
    const calls = await upstreamCallsDuring(row, async () => {
      completion = await client.chat.completions.create({
        model: row.chatModel,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Why is the sky blue?' },
        ],
      });
    });
    expect(checkChatCompletion(completion)).toEqual([]);
    matches(completion.choices[0]!.message.content, row.chatText);
    expect(completion.choices[0]!.finish_reason).toBe(row.chatFinishReason);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.text()).toContain('Why is the sky blue?');
  },

  async stream(row) {
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    await upstreamCallsDuring(row, async () => {
      const stream = await client.chat.completions.create({
        model: row.chatModel,
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'Capital of Wyoming?' }],
      });
      for await (const chunk of stream) chunks.push(chunk);
    });
    expect(checkChatCompletionChunks(chunks, { includeUsage: true })).toEqual([]);
    matches(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), row.streamText);
  },

  async 'stream-without-usage'(row) {
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    const stream = await client.chat.completions.create({
      model: row.chatModel,
      stream: true,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    for await (const chunk of stream) chunks.push(chunk);
    // Without include_usage no chunk may have "choices": [] (Azure's prompt-filter chunk must be dropped).
    expect(checkChatCompletionChunks(chunks)).toEqual([]);
    matches(
      chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''),
      row.plainStreamText,
    );
  },

  async tools(row) {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: row.toolName,
          description: 'Tool of the recorded answer',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
        },
      },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Use the tool.' },
    ];
    const first = await client.chat.completions.create({ model: row.chatModel, messages, tools });
    expect(checkChatCompletion(first)).toEqual([]);
    const calls = first.choices[0]!.message.tool_calls ?? [];
    expect(calls.length).toBeGreaterThan(0);
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    messages.push(first.choices[0]!.message);
    for (const call of calls) {
      expect(call.type === 'function' && call.function.name).toBe(row.toolName);
      messages.push({
        role: 'tool',
        tool_call_id: call.id,
        content: JSON.stringify({ result: 42 }),
      });
    }
    let second!: OpenAI.ChatCompletion;
    const upstream = await upstreamCallsDuring(row, async () => {
      second = await client.chat.completions.create({ model: row.chatModel, messages, tools });
    });
    expect(checkChatCompletion(second)).toEqual([]);
    expect(second.choices[0]!.message.content).toBeTruthy();
    // The tool result reached the upstream in the second turn.
    expect(upstream[0]!.text()).toContain('42');
  },

  async image(row) {
    const calls = await upstreamCallsDuring(row, async () => {
      const completion = await client.chat.completions.create({
        model: row.chatModel,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this image?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_DATA}` } },
            ],
          },
        ],
      });
      expect(checkChatCompletion(completion)).toEqual([]);
    });
    expect(calls[0]!.text()).toContain(PNG_DATA);
  },

  async 'json-schema'(row) {
    const schema = {
      type: 'object',
      properties: { simpleString: { type: 'string' }, city: { type: 'string' } },
      additionalProperties: false,
    };
    const completion = await client.chat.completions.parse({
      model: row.chatModel,
      messages: [{ role: 'user', content: 'populate the following object' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema, strict: false },
      },
    });
    const message = completion.choices[0]!.message;
    expect(message.parsed).toEqual(JSON.parse(message.content!));
    expect(typeof message.parsed).toBe('object');
  },

  async completions(row) {
    const completion = await client.completions.create({
      model: row.chatModel,
      prompt: 'Say hello',
      max_tokens: 50,
    });
    expect(checkCompletion(completion)).toEqual([]);
    expect(completion.choices[0]!.text.length).toBeGreaterThan(0);
  },

  async embeddings(row) {
    const input = Array.from({ length: row.embeddingInputs }, (_, index) => `text ${index}`);
    const floats = await client.embeddings.create({
      model: row.embeddingModel,
      input,
      encoding_format: 'float',
    });
    expect(checkEmbeddingResponse(floats, { inputCount: input.length })).toEqual([]);
    const base64 = await client.embeddings.create({
      model: row.embeddingModel,
      input,
      encoding_format: 'base64',
    });
    expect(
      checkEmbeddingResponse(base64, { inputCount: input.length, encodingFormat: 'base64' }),
    ).toEqual([]);
    const bytes = Buffer.from(base64.data[0]!.embedding as unknown as string, 'base64');
    expect(bytes.readFloatLE(0)).toBeCloseTo(floats.data[0]!.embedding[0]!, 5);
  },

  async models(row) {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(checkModelList(models)).toEqual([]);
    const ids = models.map((model) => model.id);
    expect(
      ids.some(
        (id) =>
          id === row.chatModel ||
          id === row.chatModel.slice(row.name.length + 1) ||
          id.endsWith(row.chatModel.split('/')[1]!),
      ),
    ).toBe(true);
  },

  async images(row) {
    const calls = await upstreamCallsDuring(row, async () => {
      const images = await client.images.generate({
        model: row.chatModel.replace('gpt-4.1', 'dall-e-3'),
        prompt: 'a red square',
        response_format: 'b64_json',
      });
      expect(images.data?.[0]?.b64_json).toBe(Buffer.from('png-bytes').toString('base64'));
    });
    expect(calls[0]!.json()).toMatchObject({ prompt: 'a red square' });
  },

  async transcription(row) {
    const audio = Buffer.from('RIFF....WAVEfmt ');
    const translated = row.name === 'google' || row.name === 'vertex';
    const calls = await upstreamCallsDuring(row, async () => {
      const transcription = await client.audio.transcriptions.create({
        model: row.chatModel.replace('gpt-4.1', 'whisper-1'),
        file: await toFile(audio, 'hello.wav'),
      });
      // Gemini transcribes with generateContent: its mock answers the recorded chat text.
      if (translated) expect(transcription.text).toMatch(row.chatText);
      else expect(transcription.text).toBe('Hello from the recording.');
    });
    if (translated) {
      // The audio travels inline after the instruction (formats and fields: google-media.e2e.test.ts).
      const body = calls[0]!.json() as { contents: Array<{ parts: unknown[] }> };
      expect(body.contents[0]!.parts[1]).toEqual({
        inlineData: { mimeType: 'audio/wav', data: audio.toString('base64') },
      });
      return;
    }
    expect(calls[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(calls[0]!.text()).toContain('RIFF....WAVEfmt ');
  },
};

describe.each(PROVIDER_ROWS)('openai client → $name', (row) => {
  for (const [scenario, run] of Object.entries(SCENARIOS) as Array<
    [Scenario, (row: ProviderRow) => Promise<void>]
  >) {
    if (row.supports.has(scenario)) {
      it(scenario, () => run(row));
    } else {
      it(`${scenario}: unsupported, answered with a clean OpenAI error`, async () => {
        const apiError = await expectOpenAIApiError(run(row));
        expect(apiError.status).toBeGreaterThanOrEqual(400);
        expect(apiError.status).toBeLessThan(500);
      });
    }
  }
});

describe('model-less routes go to the default provider (azure)', () => {
  it('uploads and lists files', async () => {
    const before = mocks.azure.requests.length;
    const uploaded = await client.files.create({
      file: await toFile(Buffer.from('{"a":1}\n'), 'train.jsonl'),
      purpose: 'fine-tune',
    });
    expect(uploaded).toMatchObject({ id: 'file-e2e-1', object: 'file' });
    const listed = await client.files.list();
    expect(listed.data.map((file) => file.id)).toEqual(['file-e2e-1']);
    const calls = mocks.azure.requests.slice(before);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /openai/files',
      'GET /openai/files',
    ]);
    expect(calls[0]!.text()).toContain('{"a":1}');
    for (const call of calls) PROVIDER_ROWS[0]!.checkAuth(call);
  });
});

describe('Google AI Studio and Vertex side by side', () => {
  it('routes google/… and vertex/… of the same model id to their own upstream', async () => {
    const googleBefore = mocks.google.requests.length;
    const vertexBefore = mocks.vertex.requests.length;
    await client.chat.completions.create({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'to google' }],
    });
    await client.chat.completions.create({
      model: 'vertex/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'to vertex' }],
    });
    const toGoogle = mocks.google.requests.slice(googleBefore);
    const toVertex = mocks.vertex.requests
      .slice(vertexBefore)
      .filter((request) => request.path !== VERTEX_TOKEN_PATH);
    expect(toGoogle.map((request) => request.path)).toEqual([
      '/v1beta/models/gemini-2.5-flash:generateContent',
    ]);
    expect(toVertex.map((request) => request.path)).toEqual([
      `/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/google/models/gemini-2.5-flash:generateContent`,
    ]);
    expect(toGoogle[0]!.text()).toContain('to google');
    expect(toVertex[0]!.text()).toContain('to vertex');
  });

  it('got its Vertex token through the real JWT-bearer flow against the key file token_uri', () => {
    const tokenRequests = mocks.vertex.requests.filter(
      (request) => request.path === VERTEX_TOKEN_PATH,
    );
    expect(tokenRequests.length).toBeGreaterThan(0);
    const form = new URLSearchParams(tokenRequests[0]!.text());
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [, payload] = form.get('assertion')!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as {
      iss: string;
      scope: string;
    };
    expect(claims.iss).toBe(fleet.serviceAccount.clientEmail);
    expect(claims.scope).toContain('https://www.googleapis.com/auth/cloud-platform');
  });
});

describe("Azure's own error body", () => {
  it('a content-filter refusal reaches the SDK with innererror as Azure sent it, the gateway adding only its summary', async () => {
    const recorded = recordedContentFilterError as { error: Record<string, unknown> };
    mocks.azure.prepend({
      method: 'POST',
      path: /\/chat\/completions(\?|$)/,
      times: 1,
      reply: { status: 400, body: recorded },
    });
    const error = await expectOpenAIApiError(
      client.chat.completions.create({
        model: 'azure/gpt-4.1',
        messages: [{ role: 'user', content: 'something filtered' }],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('content_filter');
    expect(error.param).toBe('prompt');
    expect(error.error).toEqual({
      ...recorded.error,
      // Azure sends `type: null`; the gateway guarantees a type, and names the filter that fired.
      type: 'invalid_request_error',
      message: `${recorded.error.message} [content filter: sexual (high) filtered]`,
    });
    expect(
      (error.error as { innererror: { content_filter_result: { sexual: unknown } } }).innererror
        .content_filter_result.sexual,
    ).toEqual({ filtered: true, severity: 'high' });
  });
});
