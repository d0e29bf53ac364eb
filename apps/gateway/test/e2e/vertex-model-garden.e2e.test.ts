// Vertex beyond Gemini with the `openai` client against the real gateway process: Model Garden MaaS
// models through Vertex's OpenAI-compatible endpoint (recorded stream and answer, bytes passed through,
// the server's OAuth token), a tuned Gemini endpoint and a vLLM deployment reached by configured
// aliases, Vertex's google.rpc errors in the OpenAI shape, and /v1/models listing what is configured.
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { garden, REFUSED_MODEL, startVertexGardenMock } from '../mocks/start-vertex-garden-mock.js';
import { VERTEX_ACCESS_TOKEN, VERTEX_TOKEN_PATH } from '../mocks/start-vertex-mock.js';
import { createServiceAccountKey } from '../support/create-service-account-key.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const PROJECT = 'garden-project';
const LOCATION = 'us-east5';
const IDS = { tuned: '1234567890', vllm: '555' };
const MAVERICK = 'meta/llama-4-maverick-17b-128e-instruct-maas';
const OPENAPI = `/v1/projects/${PROJECT}/locations/${LOCATION}/endpoints/openapi/chat/completions`;

/** The recorded stream's text and usage, read from the recording itself. */
const recordedEvents = garden.streamSse
  .split('\n\n')
  .filter((event) => event.startsWith('data: '))
  .map(
    (event) =>
      JSON.parse(event.slice(6)) as {
        choices: Array<{ delta: { content: string } }>;
        usage?: Record<string, number>;
      },
  );
const recordedText = recordedEvents.map((event) => event.choices[0]!.delta.content).join('');
const recordedAnswer = JSON.parse(garden.answer) as {
  choices: Array<{ message: { content: string } }>;
  usage: Record<string, number>;
};

let upstream: MockUpstream;
let gateway: RunningGateway;
let client: OpenAI;
let serviceAccount: ReturnType<typeof createServiceAccountKey>;

beforeAll(async () => {
  upstream = await startVertexGardenMock(PROJECT, LOCATION, IDS);
  serviceAccount = createServiceAccountKey(`${upstream.url}${VERTEX_TOKEN_PATH}`, PROJECT);
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
            modelGarden: { models: ['google/gemma-3-27b-it-maas'] },
            endpoints: {
              'support-bot': { endpoint: IDS.tuned, model: 'gemini-2.5-flash' },
              'team-vllm': { endpoint: IDS.vllm, api: 'openai', model: 'google/gemma-3-27b-it' },
            },
          },
        },
      ],
      routes: { support: 'vertex/support-bot' },
    },
  });
  client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
  serviceAccount?.remove();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

const calls = () => upstream.requests.filter((request) => request.path !== VERTEX_TOKEN_PATH);

describe('Model Garden models on Vertex (endpoints/openapi)', () => {
  it('streams a bare MaaS id to the OpenAI client: recorded chunks in order, usage last, the server token upstream', async () => {
    const stream = await client.chat.completions.create({
      model: MAVERICK,
      stream: true,
      messages: [{ role: 'user', content: 'who is the best French painter?' }],
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toHaveLength(recordedEvents.length);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      recordedText,
    );
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage).toEqual(recordedEvents.at(-1)?.usage);

    const [sent] = calls();
    expect(sent?.path).toBe(OPENAPI);
    expect(sent?.headers.authorization).toBe(`Bearer ${VERTEX_ACCESS_TOKEN}`);
    expect(sent?.json()).toMatchObject({ model: MAVERICK, stream: true });
  });

  it('answers a non-streamed call with the recorded Vertex answer; an instance prefix reaches Vertex without it', async () => {
    const completion = await client.chat.completions.create({
      model: `vertex/${MAVERICK}`,
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toBe(recordedAnswer.choices[0]?.message.content);
    expect(completion.usage).toEqual(recordedAnswer.usage);
    expect((calls()[0]!.json() as { model: string }).model).toBe(MAVERICK);
  });

  it("answers Vertex's recorded 400 as an OpenAI error with the upstream status and message", async () => {
    const error = await expectOpenAIApiError(
      client.chat.completions.create({
        model: REFUSED_MODEL,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('Request contains an invalid argument.');
    expect(error.code).toBe('INVALID_ARGUMENT');
  });

  it('refuses a model id that tries to leave the path with 404, before any Vertex call', async () => {
    for (const model of [
      'vertex/../../v1/projects/other/x',
      'meta/../openapi',
      'vertex/endpoints/555',
    ]) {
      const error = await expectOpenAIApiError(
        client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }),
      );
      expect(error.status).toBe(404);
    }
    expect(calls()).toEqual([]);
  });
});

describe('Vertex endpoints addressed by configured aliases', () => {
  it('sends a tuned Gemini endpoint alias (and a config route to it) through the Gemini translation', async () => {
    const completion = await client.chat.completions.create({
      model: 'support-bot',
      messages: [{ role: 'user', content: 'why is the sky blue?' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('support-bot');
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);

    const stream = await client.chat.completions.create({
      model: 'support',
      stream: true,
      messages: [{ role: 'user', content: 'why is the sky blue?' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);

    const base = `/v1/projects/${PROJECT}/locations/${LOCATION}/endpoints/${IDS.tuned}`;
    expect(calls().map((request) => request.url)).toEqual([
      `${base}:generateContent`,
      `${base}:streamGenerateContent?alt=sse`,
    ]);
    const body = calls()[0]?.json() as { contents?: unknown; model?: unknown };
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'why is the sky blue?' }] }]);
    expect(body).not.toHaveProperty('model');
  });

  it("sends an OpenAI-compatible endpoint alias to endpoints/{id}/chat/completions with the deployment's model", async () => {
    const completion = await client.chat.completions.create({
      model: 'team-vllm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe(recordedAnswer.choices[0]?.message.content);
    const [sent] = calls();
    expect(sent?.path).toBe(
      `/v1/projects/${PROJECT}/locations/${LOCATION}/endpoints/${IDS.vllm}/chat/completions`,
    );
    expect((sent!.json() as { model: string }).model).toBe('google/gemma-3-27b-it');
    expect(sent?.headers.authorization).toBe(`Bearer ${VERTEX_ACCESS_TOKEN}`);
  });
});

it('lists the configured Model Garden ids and endpoint aliases in /v1/models', async () => {
  const ids: string[] = [];
  for await (const model of client.models.list()) ids.push(model.id);
  expect(ids).toEqual(
    expect.arrayContaining([
      'gemini-2.5-flash',
      'google/gemma-3-27b-it-maas',
      'support-bot',
      'team-vllm',
      'support',
    ]),
  );
});

it('serves a Model Garden model to the Responses API too (the passthrough answer read back and translated)', async () => {
  const response = await client.responses.create({
    model: MAVERICK,
    input: 'Why is the sky blue?',
  });
  expect(response.output_text).toBe(recordedAnswer.choices[0]?.message.content);
  expect(calls()[0]?.path).toBe(OPENAPI);
});
