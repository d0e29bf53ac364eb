// The response store of /v1/responses on a translated provider (Gemini), driven by the official
// `openai` client: a conversation continued by previous_response_id reaches Gemini whole (the function
// call with its recorded thought signature included), retrieve / input_items / delete answer from the
// store, one gateway key never sees another's responses, `store: false` keeps nothing, and with
// `state.store: redis` a second gateway process continues what the first one started.
import { randomUUID } from 'node:crypto';
import {
  type MockUpstream,
  type RecordedUpstreamRequest,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import type { Redis } from 'ioredis';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiMock } from '../mocks/start-gemini-mock.js';
import { connectTestRedis, TEST_REDIS_URL } from '../support/connect-test-redis.js';
import { loadGeminiRecording } from '../support/gemini-tool-recordings.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const MODEL = 'google/gemini-3-pro-preview';
const RUN = randomUUID().slice(0, 8);
const KEYS = { alice: `sk-alice-${RUN}`, bob: `sk-bob-${RUN}` };
// The recorded Gemini answer with thinking text and a signed `now()` call.
const THINKING_CALL = loadGeminiRecording({
  upstream: 'gemini',
  name: 'generateContent.thinking-function-call-signature.response.json',
  model: MODEL,
});
const recordedParts = (
  THINKING_CALL.answers[0] as {
    candidates: Array<{
      content: { parts: Array<{ text?: string; thought?: boolean; thoughtSignature?: string }> };
    }>;
  }
).candidates[0]!.content.parts;
const RECORDED_SIGNATURE = recordedParts.find((part) => part.thoughtSignature)!.thoughtSignature!;
const RECORDED_THOUGHT = recordedParts.find((part) => part.thought)!.text!;
const TOOLS: OpenAI.Responses.Tool[] = [
  { type: 'function', name: 'now', parameters: { type: 'object', properties: {} }, strict: false },
];

type GeminiBody = {
  contents: Array<{
    role: string;
    parts: Array<{
      text?: string;
      thoughtSignature?: string;
      functionCall?: { name: string };
      functionResponse?: { name: string; response?: unknown };
    }>;
  }>;
  systemInstruction?: { parts: Array<{ text: string }> };
};

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startGeminiMock();
});
afterAll(async () => {
  await mock?.close();
});

function gatewayConfig(state?: Record<string, unknown>) {
  return {
    keys: [
      { id: `alice-${RUN}`, key: KEYS.alice },
      { id: `bob-${RUN}`, key: KEYS.bob },
    ],
    responses: { store: { enabled: true, ttlSeconds: 600 } },
    ...(state === undefined ? {} : { state }),
  };
}

const env = () => ({
  GOOGLE_AI_STUDIO_API_KEY: 'gemini-e2e-key',
  GOOGLE_AI_STUDIO_ENDPOINT: mock.url,
});

const clientFor = (gateway: RunningGateway, key: string) =>
  new OpenAI({ baseURL: gateway.baseURL, apiKey: key, maxRetries: 0 });

async function upstreamDuring<T>(
  action: () => Promise<T>,
): Promise<{ result: T; bodies: GeminiBody[] }> {
  const before = mock.requests.length;
  const result = await action();
  const bodies = mock.requests
    .slice(before)
    .filter((request: RecordedUpstreamRequest) => request.path.includes(':'))
    .map((request) => request.json() as GeminiBody);
  return { result, bodies };
}

describe('response store (memory)', () => {
  let gateway: RunningGateway;
  let alice: OpenAI;
  let bob: OpenAI;
  beforeAll(async () => {
    gateway = await startGateway({ env: env(), config: gatewayConfig() });
    alice = clientFor(gateway, KEYS.alice);
    bob = clientFor(gateway, KEYS.bob);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('previous_response_id replays the whole conversation to Gemini, signed function call included', async () => {
    mock.prepend({
      method: 'POST',
      path: /:generateContent$/,
      reply: THINKING_CALL.reply,
      times: 1,
    });
    const first = await alice.responses.create({
      model: MODEL,
      instructions: 'Answer in days.',
      input: 'How many days until New Year’s Eve?',
      tools: TOOLS,
    });
    expect(first).toMatchObject({ store: true, previous_response_id: null });
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    expect(reasoning).toMatchObject({
      summary: [{ type: 'summary_text', text: RECORDED_THOUGHT }],
    });
    const call = first.output.find(
      (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
    )!;
    expect(call.name).toBe('now');

    // Turn 2 sends only the tool's output: the gateway adds everything before it.
    const second = await upstreamDuring(() =>
      alice.responses.create({
        model: MODEL,
        previous_response_id: first.id,
        input: [{ type: 'function_call_output', call_id: call.call_id, output: '2026-12-02' }],
        tools: TOOLS,
      }),
    );
    expect(second.result).toMatchObject({ store: true, previous_response_id: first.id });
    expect(second.result.output_text).toMatch(/Rayleigh/);
    expect(second.bodies).toHaveLength(1);
    const body = second.bodies[0]!;
    // Instructions are not carried over (OpenAI's rule): turn 2 named none.
    expect(body.systemInstruction).toBeUndefined();
    expect(body.contents.map((turn) => turn.role)).toEqual(['user', 'model', 'user']);
    expect(body.contents[0]!.parts).toEqual([{ text: 'How many days until New Year’s Eve?' }]);
    expect(body.contents[1]!.parts).toEqual([
      expect.objectContaining({
        functionCall: expect.objectContaining({ name: 'now' }),
        thoughtSignature: RECORDED_SIGNATURE,
      }),
    ]);
    expect(body.contents[2]!.parts).toEqual([
      expect.objectContaining({ functionResponse: expect.objectContaining({ name: 'now' }) }),
    ]);

    // Turn 3, streamed, chained on turn 2: five turns reach Gemini.
    const third = await upstreamDuring(async () => {
      const stream = alice.responses.stream({
        model: MODEL,
        previous_response_id: second.result.id,
        input: 'And in weeks?',
      });
      let completed: OpenAI.Responses.Response | undefined;
      for await (const event of stream)
        if (event.type === 'response.completed' || event.type === 'response.incomplete')
          completed = event.response;
      return completed!;
    });
    expect(third.result).toMatchObject({ store: true, previous_response_id: second.result.id });
    expect(third.bodies[0]!.contents.map((turn) => turn.role)).toEqual([
      'user',
      'model',
      'user',
      'model',
      'user',
    ]);
    expect(third.bodies[0]!.contents[3]!.parts.map((part) => part.text).join('')).toBe(
      second.result.output_text,
    );
    expect(third.bodies[0]!.contents[4]!.parts).toEqual([{ text: 'And in weeks?' }]);

    // The streamed response was stored before response.completed: retrievable right away.
    const retrieved = await alice.responses.retrieve(third.result.id);
    expect(retrieved).toMatchObject({
      id: third.result.id,
      status: third.result.status,
      output: third.result.output,
      usage: third.result.usage,
    });

    // input_items: every item the response came from, newest first by default, each with an id.
    const items = await alice.responses.inputItems.list(third.result.id, { limit: 100 });
    const types = items.data.map((item) => item.type);
    expect(types).toEqual([
      'message',
      'message',
      'function_call_output',
      'function_call',
      'reasoning',
      'message',
    ]);
    for (const item of items.data) expect(item.id).toEqual(expect.any(String));
    const ascending = await alice.responses.inputItems.list(third.result.id, {
      order: 'asc',
      limit: 2,
    });
    expect(ascending.data.map((item) => item.type)).toEqual(['message', 'reasoning']);
    expect(ascending.has_more).toBe(true);
    expect(ascending.data[0]).toMatchObject({
      role: 'user',
      content: [{ type: 'input_text', text: 'How many days until New Year’s Eve?' }],
    });
  });

  it('another key gets 404 for the response and 400 previous_response_not_found for the chain', async () => {
    const mine = await alice.responses.create({ model: MODEL, input: 'Why is the sky blue?' });
    const retrieve = await bob.responses.retrieve(mine.id).catch((error: unknown) => error);
    expect(retrieve).toBeInstanceOf(OpenAI.NotFoundError);
    expect((retrieve as InstanceType<typeof OpenAI.NotFoundError>).error).toMatchObject({
      type: 'invalid_request_error',
      message: `No response found with id '${mine.id}'.`,
    });
    const items = await bob.responses.inputItems.list(mine.id).catch((error: unknown) => error);
    expect(items).toBeInstanceOf(OpenAI.NotFoundError);
    const removed = await bob.responses.delete(mine.id).catch((error: unknown) => error);
    expect(removed).toBeInstanceOf(OpenAI.NotFoundError);
    const chained = await bob.responses
      .create({ model: MODEL, previous_response_id: mine.id, input: 'More.' })
      .catch((error: unknown) => error);
    expect(chained).toBeInstanceOf(OpenAI.BadRequestError);
    expect((chained as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
      type: 'invalid_request_error',
      param: 'previous_response_id',
      code: 'previous_response_not_found',
    });
    // Bob's attempts removed nothing of Alice's.
    expect((await alice.responses.retrieve(mine.id)).id).toBe(mine.id);
  });

  it('delete removes the response: retrieve and previous_response_id then fail', async () => {
    const created = await alice.responses.create({ model: MODEL, input: 'Why is the sky blue?' });
    const response = await fetch(`${gateway.baseURL}/responses/${created.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEYS.alice}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: created.id,
      object: 'response.deleted',
      deleted: true,
    });
    await expect(alice.responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(alice.responses.delete(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      alice.responses.create({ model: MODEL, previous_response_id: created.id, input: 'x' }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('store: false is answered with store: false and kept nowhere, but may continue a stored one', async () => {
    const stored = await alice.responses.create({ model: MODEL, input: 'Why is the sky blue?' });
    const unstored = await upstreamDuring(() =>
      alice.responses.create({
        model: MODEL,
        input: 'Again?',
        previous_response_id: stored.id,
        store: false,
      }),
    );
    expect(unstored.result).toMatchObject({ store: false, previous_response_id: stored.id });
    expect(unstored.bodies[0]!.contents.map((turn) => turn.role)).toEqual([
      'user',
      'model',
      'user',
    ]);
    await expect(alice.responses.retrieve(unstored.result.id)).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
  });

  it('an unknown id is OpenAI’s 404, and a bad input_items query a 400 naming the parameter', async () => {
    const unknown = await fetch(`${gateway.baseURL}/responses/resp_unknown`, {
      headers: { authorization: `Bearer ${KEYS.alice}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: {
        message: "No response found with id 'resp_unknown'.",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    const created = await alice.responses.create({ model: MODEL, input: 'Why is the sky blue?' });
    const bad = await fetch(`${gateway.baseURL}/responses/${created.id}/input_items?limit=0`, {
      headers: { authorization: `Bearer ${KEYS.alice}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { param: 'limit' } });
  });
});

describe('response store (redis) across two gateway processes', () => {
  let redis: Redis;
  let gateways: RunningGateway[];
  beforeAll(async () => {
    redis = await connectTestRedis();
    const config = gatewayConfig({ store: 'redis', redisUrl: TEST_REDIS_URL, onError: 'closed' });
    gateways = await Promise.all([
      startGateway({ env: env(), config }),
      startGateway({ env: env(), config }),
    ]);
  });
  afterAll(async () => {
    await Promise.all((gateways ?? []).map((gateway) => gateway.stop()));
    await redis?.quit();
  });

  it('B continues, retrieves and deletes what A created; every key expires', async () => {
    const [a, b] = gateways as [RunningGateway, RunningGateway];
    const first = await clientFor(a, KEYS.alice).responses.create({
      model: MODEL,
      input: 'Why is the sky blue?',
    });
    const keys = await redis.keys(`mpx:{resp:*:${first.id}}:record`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.ttl(keys[0] as string);
    expect(ttl).toBeGreaterThan(500);
    expect(ttl).toBeLessThanOrEqual(600);

    const onB = clientFor(b, KEYS.alice);
    const second = await upstreamDuring(() =>
      onB.responses.create({ model: MODEL, previous_response_id: first.id, input: 'Shorter?' }),
    );
    expect(second.bodies[0]!.contents.map((turn) => turn.role)).toEqual(['user', 'model', 'user']);
    expect((await onB.responses.retrieve(first.id)).output).toEqual(first.output);
    await expect(clientFor(b, KEYS.bob).responses.retrieve(first.id)).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    await onB.responses.delete(first.id);
    await expect(clientFor(a, KEYS.alice).responses.retrieve(first.id)).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    await clientFor(a, KEYS.alice).responses.delete(second.result.id);
    expect(await redis.keys(`mpx:{resp:*:${second.result.id}}:record`)).toEqual([]);
  });
});

describe('response store with Azure, which keeps its own', () => {
  let azure: MockUpstream;
  let gateway: RunningGateway;
  beforeAll(async () => {
    azure = await startMockUpstream([
      {
        method: 'GET',
        path: /\/responses\/resp_azure_1(\?|$)/,
        reply: {
          body: { id: 'resp_azure_1', object: 'response', status: 'completed', output: [] },
        },
      },
      {
        method: 'POST',
        path: /\/responses(\?|$)/,
        reply: {
          body: { id: 'resp_azure_2', object: 'response', status: 'completed', output: [] },
        },
      },
    ]);
    gateway = await startGateway({
      env: { ...env(), AZURE_OPENAI_ENDPOINT: azure.url, AZURE_OPENAI_API_KEY: 'azure-e2e-key' },
      config: gatewayConfig(),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await azure?.close();
  });

  it('an id the gateway did not store, and previous_response_id on an Azure model, go to Azure', async () => {
    const alice = clientFor(gateway, KEYS.alice);
    expect(await alice.responses.retrieve('resp_azure_1')).toMatchObject({ id: 'resp_azure_1' });
    await alice.responses.create({
      model: 'azure/gpt-4.1',
      previous_response_id: 'resp_azure_1',
      input: 'More.',
    });
    const posted = azure.requests.filter((request) => request.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.json()).toMatchObject({ previous_response_id: 'resp_azure_1' });
    // A translated response still comes from the gateway's store, never from Azure.
    const created = await alice.responses.create({ model: MODEL, input: 'Why is the sky blue?' });
    const before = azure.requests.length;
    expect((await alice.responses.retrieve(created.id)).id).toBe(created.id);
    expect(azure.requests.length).toBe(before);
  });
});
