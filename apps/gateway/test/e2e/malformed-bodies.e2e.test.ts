// Malformed bodies against every provider kind (Azure passthrough, OpenAI-compatible passthrough, Google
// and Vertex translation): each is a 400 in OpenAI's error shape naming the field, never a 500. What
// the gateway checks for every provider (the model name, the operation's main field, `stream`) it
// refuses itself; what only a translation reads (message parts, tool calls) Gemini's conversion refuses,
// while a passthrough provider forwards the body and relays its upstream's own 400.
import { checkOpenAIErrorBody } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderFleet, startProviderFleet } from '../support/start-provider-fleet.js';

type ProviderName = 'azure' | 'openai' | 'google' | 'vertex';
type Endpoint = 'chat/completions' | 'completions' | 'embeddings';

const MODELS: Record<ProviderName, { chat: string; embedding: string }> = {
  azure: { chat: 'azure/gpt-4.1', embedding: 'azure/text-embedding-3-small' },
  openai: { chat: 'openai/gpt-4.1', embedding: 'openai/text-embedding-3-small' },
  google: { chat: 'google/gemini-2.5-flash', embedding: 'google/gemini-embedding-001' },
  vertex: { chat: 'vertex/gemini-2.5-flash', embedding: 'vertex/text-embedding-004' },
};
const PROVIDERS = Object.keys(MODELS) as ProviderName[];
const ENDPOINTS: Endpoint[] = ['chat/completions', 'completions', 'embeddings'];

/** A valid body of the endpoint for `model`, to break one field of. */
function validBody(endpoint: Endpoint, model: string): Record<string, unknown> {
  if (endpoint === 'chat/completions')
    return { model, messages: [{ role: 'user', content: 'Hi' }] };
  if (endpoint === 'completions') return { model, prompt: 'Hi' };
  return { model, input: 'Hi' };
}

const modelFor = (provider: ProviderName, endpoint: Endpoint) =>
  endpoint === 'embeddings' ? MODELS[provider].embedding : MODELS[provider].chat;
const mainField = (endpoint: Endpoint) =>
  endpoint === 'chat/completions' ? 'messages' : endpoint === 'completions' ? 'prompt' : 'input';

// [label, change to a valid body, the param the 400 names]
const GENERIC: Array<[string, (body: Record<string, unknown>) => void, string]> = [
  ['a lone surrogate as the model', (body) => (body.model = '\ud800'), 'model'],
  [
    'a lone surrogate after the instance prefix',
    (body) => (body.model = `${body.model}\udc00`),
    'model',
  ],
  ['a control character in the model', (body) => (body.model = `${body.model}\u0000`), 'model'],
  [
    'a model name of 1000 characters',
    (body) => (body.model = `${body.model}${'x'.repeat(1000)}`),
    'model',
  ],
  ['a number as the model', (body) => (body.model = 4), 'model'],
  ['no model', (body) => delete body.model, 'model'],
  ['an empty model', (body) => (body.model = ' '), 'model'],
  ['a stream flag that is a string', (body) => (body.stream = 'yes'), 'stream'],
];

const user = (content: unknown) => [{ role: 'user', content }];
const afterAssistant = (assistant: Record<string, unknown>) => [
  { role: 'assistant', ...assistant },
  { role: 'user', content: 'Go on' },
];
// Chat bodies whose messages only a translation reads: [label, messages, param Gemini's 400 names].
const MESSAGE_CASES: Array<[string, unknown, string]> = [
  ['an empty role', [{ role: '', content: 'Hi' }], 'messages[0].role'],
  ['no role', [{ content: 'Hi' }], 'messages[0].role'],
  ['a message that is a string', ['Hi'], 'messages[0]'],
  ['content that is a number', user(5), 'messages[0].content'],
  [
    'input_audio data that is a number',
    user([{ type: 'input_audio', input_audio: { data: 5, format: 'wav' } }]),
    'messages[0].content[0].input_audio',
  ],
  [
    'input_audio data that is an array',
    user([{ type: 'input_audio', input_audio: { data: ['AAAA'], format: 'wav' } }]),
    'messages[0].content[0].input_audio',
  ],
  [
    'input_audio that is null',
    user([{ type: 'input_audio', input_audio: null }]),
    'messages[0].content[0].input_audio',
  ],
  [
    'an image_url without url',
    user([{ type: 'image_url', image_url: { url: 5 } }]),
    'messages[0].content[0].image_url.url',
  ],
  ['a null content part', user([null]), 'messages[0].content[0].type'],
  [
    'a file name that is a number',
    user([{ type: 'file', file: { file_data: 'JVBERi0=', filename: 5 } }]),
    'messages[0].content[0].file.filename',
  ],
  ['tool_calls that is a string', afterAssistant({ tool_calls: 'call' }), 'messages[0].tool_calls'],
  ['tool_calls that is an object', afterAssistant({ tool_calls: {} }), 'messages[0].tool_calls'],
  [
    'a tool call without a function',
    afterAssistant({ tool_calls: [{ id: 'a', type: 'function' }] }),
    'messages[0].tool_calls[0].function.name',
  ],
  [
    'tool call arguments that are not JSON',
    afterAssistant({
      tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{' } }],
    }),
    'messages[0].tool_calls[0].function.arguments',
  ],
  [
    'a null assistant content part',
    afterAssistant({ content: [{ type: 'text', text: 'a' }, null] }),
    'messages[0].content[1]',
  ],
  [
    'a tool message answering no call',
    [{ role: 'tool', tool_call_id: 5, content: 'x' }],
    'messages[0].tool_call_id',
  ],
];
// Synthetic: an OpenAI-format upstream refusing a malformed body (no recording of such a 400 exists).
const UPSTREAM_REFUSAL = {
  error: {
    message: "Invalid value for 'messages'.",
    type: 'invalid_request_error',
    param: 'messages',
    code: 'invalid_value',
  },
};

let fleet: ProviderFleet;

beforeAll(async () => {
  fleet = await startProviderFleet();
});

afterAll(async () => {
  await fleet?.stop();
});

async function post(
  endpoint: Endpoint,
  body: unknown,
): Promise<{ status: number; body: { error: { param: unknown; type: unknown } } }> {
  const response = await fetch(`${fleet.gateway.baseURL}/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { error: { param: unknown; type: unknown } };
  expect(checkOpenAIErrorBody(answer)).toEqual([]);
  return { status: response.status, body: answer };
}

describe.each(PROVIDERS)('%s', (provider) => {
  describe.each(ENDPOINTS)('/v1/%s', (endpoint) => {
    it.each(GENERIC)('%s is a 400 naming the field', async (_label, change, param) => {
      const body = validBody(endpoint, modelFor(provider, endpoint));
      change(body);
      const answer = await post(endpoint, body);
      expect(answer).toMatchObject({
        status: 400,
        body: { error: { param, type: 'invalid_request_error' } },
      });
    });

    it(`a ${mainField(endpoint)} that is an object is a 400 naming it`, async () => {
      const body = validBody(endpoint, modelFor(provider, endpoint));
      body[mainField(endpoint)] = {};
      expect(await post(endpoint, body)).toMatchObject({
        status: 400,
        body: { error: { param: mainField(endpoint) } },
      });
    });
  });

  it.each(MESSAGE_CASES)(
    'chat messages with %s are a 400, never a 500',
    async (_label, messages, param) => {
      const body = { model: MODELS[provider].chat, messages };
      if (provider === 'google' || provider === 'vertex') {
        expect(await post('chat/completions', body)).toMatchObject({
          status: 400,
          body: { error: { param, type: 'invalid_request_error' } },
        });
        return;
      }
      const mock = fleet.mocks[provider];
      mock.prepend({
        method: 'POST',
        path: /\/chat\/completions(\?|$)/,
        times: 1,
        reply: { status: 400, body: UPSTREAM_REFUSAL },
      });
      const before = mock.requests.length;
      expect(await post('chat/completions', body)).toMatchObject({
        status: 400,
        body: { error: { param: 'messages', code: 'invalid_value' } },
      });
      expect(mock.requests.slice(before).map((request) => request.json())).toEqual([
        { ...body, model: 'gpt-4.1' },
      ]);
    },
  );
});

it('answered none of them with a 5xx (no "request failed" log line)', () => {
  expect(fleet.gateway.logs.filter((entry) => entry.msg === 'request failed')).toEqual([]);
});
