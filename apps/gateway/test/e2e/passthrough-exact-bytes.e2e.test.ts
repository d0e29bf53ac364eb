// Azure and OpenAI-compatible passthrough forward the client's JSON bytes: unchanged when the model
// needs no renaming, and with only the model string's bytes changed when routing renamed it (an
// instance prefix, a config-file route). Number spellings (1.0, 1e2), escapes (\u00e9, \/), key order,
// whitespace and `model` keys nested deeper all reach the upstream as the client wrote them.
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { startOpenAICompatibleMock } from '../mocks/start-openai-compatible-mock.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const KINDS = [
  {
    name: 'azure',
    package: '@multi-ai-proxy/provider-azure',
    startMock: startAzureMock,
    chatPath: /^\/openai\/deployments\/gpt-4\.1\/chat\/completions/,
  },
  {
    name: 'openai',
    package: '@multi-ai-proxy/provider-openai',
    startMock: startOpenAICompatibleMock,
    chatPath: /^\/v1\/chat\/completions/,
  },
] as const;

/** A chat body as a hand-written client might send it; `MODEL` marks the model's place. */
const CHAT_TEMPLATE = [
  '{\n',
  '  "messages" : [ {"role":"user", "content":"caf\\u00e9 \\/ \\ud83d\\ude00 ü \\"model\\": \\"x\\""} ],\n',
  '\t"temperature": 1.0, "top_p": 1e0,  "max_tokens":1E2,\n',
  '  "model":  "MODEL" ,\n',
  '  "metadata": {"model": "not-this-one"}, "seed": -0\n',
  '}',
].join('');
const chatBody = (model: string) => CHAT_TEMPLATE.replace('MODEL', model);

describe.each(KINDS)('$name passthrough', (kind) => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  beforeAll(async () => {
    upstream = await kind.startMock();
    gateway = await startGateway({
      config: {
        defaultProvider: kind.name,
        providers: [
          {
            name: kind.name,
            package: kind.package,
            options: { endpoint: upstream.url, apiKey: 'server-side-key' },
          },
        ],
        routes: { 'team-default': `${kind.name}/gpt-4.1` },
      },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  async function forwardedBody(path: string, body: string): Promise<string> {
    const before = upstream.requests.length;
    const response = await fetch(`${gateway.baseURL}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    const calls = upstream.requests.slice(before);
    expect(calls).toHaveLength(1);
    return calls[0]!.body.toString('utf8');
  }

  it('sends the exact bytes when the model needs no renaming', async () => {
    expect(await forwardedBody('/chat/completions', chatBody('gpt-4.1'))).toBe(chatBody('gpt-4.1'));
  });

  it.each([
    ['an instance prefix', `${kind.name}/gpt-4.1`],
    ['a config-file route', 'team-default'],
  ])('changes only the model string when %s is resolved', async (_label, model) => {
    expect(await forwardedBody('/chat/completions', chatBody(model))).toBe(chatBody('gpt-4.1'));
  });

  it('does the same for a JSON passthrough route (images)', async () => {
    const body = (model: string) =>
      `{"prompt":"a red square \\u2014 1.50 wide","n":1.0,"model":"${model}","size":"1024x1024"}`;
    expect(await forwardedBody('/images/generations', body(`${kind.name}/dall-e-3`))).toBe(
      body('dall-e-3'),
    );
  });
});
