import type { ProviderV1 } from '@multi-ai-proxy/core';
import {
  collectOperationResult,
  createTestCallContext,
  createTestPluginContext,
  type MockUpstream,
  readFixtureText,
  readJsonFixture,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { writeServiceAccountKey } from '../test/write-service-account-key.js';
import { parseAnthropicProviderOptions } from './anthropic-provider-options.js';
import { createAnthropicProvider } from './create-anthropic-provider.js';

const fixture = (name: string) => upstreamFixture('anthropic', name);
const MODELS = '/v1/projects/test-project/locations/us-east5/publishers/anthropic/models';

describe('provider-anthropic upstreams (recorded Messages answers)', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  const mock = async (routes: Parameters<typeof startMockUpstream>[0]): Promise<MockUpstream> => {
    const upstream = await startMockUpstream(routes);
    closers.push(() => upstream.close());
    return upstream;
  };

  async function vertexProvider(
    routes: Parameters<typeof startMockUpstream>[0],
  ): Promise<{ provider: ProviderV1; upstream: MockUpstream }> {
    const upstream = await mock(routes);
    const tokens = await mock([
      {
        method: 'POST',
        path: '/token',
        reply: {
          body: { access_token: 'ya29.anthropic-test', expires_in: 3600, token_type: 'Bearer' },
        },
      },
    ]);
    const env = {
      ANTHROPIC_VERTEX_PROJECT_ID: 'test-project',
      CLOUD_ML_REGION: 'us-east5',
      ANTHROPIC_VERTEX_BASE_URL: upstream.url,
      GOOGLE_APPLICATION_CREDENTIALS: writeServiceAccountKey(`${tokens.url}/token`),
    };
    const provider = await createAnthropicProvider(
      parseAnthropicProviderOptions({}, env),
      createTestPluginContext({ instanceName: 'claude-vertex' }),
    );
    return { provider, upstream };
  }

  it('Vertex: rawPredict with the model in the path, anthropic_version in the body, a Google token', async () => {
    const { provider, upstream } = await vertexProvider([
      {
        method: 'POST',
        path: `${MODELS}/claude-sonnet-4-5@20250929:rawPredict`,
        reply: { body: readJsonFixture(fixture('messages.text.response.json')) },
      },
    ]);
    const result = await provider.createChatCompletion!(
      { model: 'claude-sonnet-4-5@20250929', messages: [{ role: 'user', content: 'Hi' }] },
      createTestCallContext({
        model: 'claude-sonnet-4-5@20250929',
        upstreamModel: 'claude-sonnet-4-5@20250929',
      }),
    );
    expect(result).toMatchObject({
      kind: 'json',
      body: { choices: [{ message: { content: 'Hi! My name is Claude.' } }] },
    });
    const [request] = upstream.requests;
    expect(request?.headers.authorization).toBe('Bearer ya29.anthropic-test');
    const body = request?.json() as Record<string, unknown>;
    expect(body.anthropic_version).toBe('vertex-2023-10-16');
    expect(body).not.toHaveProperty('model');
  });

  it('Vertex: countTokens posts to count-tokens:rawPredict with the model and anthropic_version in the body', async () => {
    const { provider, upstream } = await vertexProvider([
      {
        method: 'POST',
        path: `${MODELS}/count-tokens:rawPredict`,
        reply: { body: readJsonFixture(fixture('count-tokens.response.json')) },
      },
    ]);
    const count = await provider.countTokens!(
      {
        model: 'claude-sonnet-4-5@20250929',
        messages: [{ role: 'user', content: 'Hello, world' }],
        max_tokens: 50,
        stream: true,
      },
      createTestCallContext({
        model: 'claude-sonnet-4-5@20250929',
        upstreamModel: 'claude-sonnet-4-5@20250929',
      }),
    );
    expect(count).toEqual({ inputTokens: 2095 });
    const [request] = upstream.requests;
    expect(request?.headers.authorization).toBe('Bearer ya29.anthropic-test');
    expect(request?.json()).toEqual({
      anthropic_version: 'vertex-2023-10-16',
      model: 'claude-sonnet-4-5@20250929',
      messages: [{ role: 'user', content: 'Hello, world' }],
    });
  });

  it('Vertex: a stream goes to streamRawPredict and comes back as chunks', async () => {
    const { provider, upstream } = await vertexProvider([
      {
        method: 'POST',
        path: `${MODELS}/claude-opus-4-8:streamRawPredict`,
        reply: { rawSse: readFixtureText(fixture('messages.tool-use.sse.txt')) },
      },
    ]);
    const result = await provider.createChatCompletion!(
      {
        model: 'claude-opus-4-8',
        stream: true,
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      },
      createTestCallContext({ model: 'claude-opus-4-8', upstreamModel: 'claude-opus-4-8' }),
    );
    const collected = await collectOperationResult(result);
    expect(collected.kind).toBe('stream');
    expect(upstream.requests[0]?.json()).toMatchObject({
      stream: true,
      anthropic_version: 'vertex-2023-10-16',
    });
  });

  it('Vertex passthrough: Messages bytes reshaped, cache_control.scope removed, betas filtered, count-tokens with the model in the body', async () => {
    const { provider, upstream } = await vertexProvider([
      {
        method: 'POST',
        path: `${MODELS}/claude-sonnet-4-5:streamRawPredict`,
        reply: {
          headers: { 'content-type': 'text/event-stream' },
          rawSse: readFixtureText(fixture('messages.text.sse.txt')),
        },
      },
      {
        method: 'POST',
        path: `${MODELS}/count-tokens:rawPredict`,
        reply: { body: { input_tokens: 12 } },
      },
    ]);
    const raw = Buffer.from(
      JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        stream: true,
        system: [
          { type: 'text', text: 'S', cache_control: { type: 'ephemeral', scope: 'global' } },
        ],
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    const context = createTestCallContext({
      model: 'claude-sonnet-4-5',
      upstreamModel: 'claude-sonnet-4-5',
      headers: {
        'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14',
        'anthropic-version': '2023-06-01',
      },
    });
    const result = await provider.passthrough!(
      {
        operation: 'messages',
        method: 'POST',
        path: '/v1/messages',
        params: { rest: '' },
        contentType: 'application/json',
        body: raw,
      },
      context,
    );
    expect(result).toMatchObject({
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
    });
    const streamed = await collectOperationResult(result);
    expect(JSON.stringify(streamed)).toContain('Hello');
    const sent = upstream.requests[0];
    expect(sent?.json()).toEqual({
      anthropic_version: 'vertex-2023-10-16',
      max_tokens: 10,
      stream: true,
      system: [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(sent?.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    expect(sent?.headers['anthropic-version']).toBeUndefined();

    const counted = await provider.passthrough!(
      {
        operation: 'messages',
        method: 'POST',
        path: '/v1/messages/count_tokens',
        params: { rest: '/count_tokens' },
        contentType: 'application/json',
        body: Buffer.from(
          '{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}',
        ),
      },
      context,
    );
    expect(counted).toMatchObject({ kind: 'raw', status: 200 });
    expect(upstream.requests[1]?.json()).toEqual({
      anthropic_version: 'vertex-2023-10-16',
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it("Anthropic's API passthrough: the client's exact bytes (model renamed in place), its key when the instance has none", async () => {
    const upstream = await mock([
      {
        method: 'POST',
        path: '/v1/messages',
        reply: { body: readJsonFixture(fixture('messages.tool-use.response.json')) },
      },
    ]);
    const provider = await createAnthropicProvider(
      parseAnthropicProviderOptions(
        { upstream: 'anthropic', baseUrl: upstream.url, aliases: { sonnet: 'claude-sonnet-4-5' } },
        {},
      ),
      createTestPluginContext({ instanceName: 'anthropic' }),
    );
    const raw = Buffer.from(
      '{ "model" : "sonnet",  "max_tokens":1.0e3, "messages":[{"role":"user","content":"\\u00e9"}]}',
    );
    const context = createTestCallContext({
      model: 'sonnet',
      upstreamModel: provider.mapModel!('sonnet')!,
      credentials: { headers: { 'x-api-key': 'client-key' } },
      headers: { 'anthropic-beta': 'claude-code-20250219' },
    });
    const result = await provider.passthrough!(
      {
        operation: 'messages',
        method: 'POST',
        path: '/v1/messages',
        params: { rest: '' },
        contentType: 'application/json',
        body: raw,
      },
      context,
    );
    expect(result).toMatchObject({ kind: 'raw', status: 200 });
    const sent = upstream.requests[0];
    expect(sent?.text()).toBe(
      '{ "model" : "claude-sonnet-4-5",  "max_tokens":1.0e3, "messages":[{"role":"user","content":"\\u00e9"}]}',
    );
    expect(sent?.headers['x-api-key']).toBe('client-key');
    expect(sent?.headers['anthropic-beta']).toBe('claude-code-20250219');
  });

  it('Foundry: an Entra ID bearer (a JWT) goes on as Authorization; an error answer keeps its Anthropic type', async () => {
    const upstream = await mock([
      {
        method: 'POST',
        path: '/anthropic/v1/messages',
        reply: { status: 529, body: readJsonFixture(fixture('error.529-overloaded.json')) },
      },
    ]);
    const provider = await createAnthropicProvider(
      parseAnthropicProviderOptions(
        {},
        { ANTHROPIC_FOUNDRY_BASE_URL: `${upstream.url}/anthropic/` },
      ),
      createTestPluginContext({ instanceName: 'foundry' }),
    );
    const jwt = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"aud":"https://ai.azure.com"}').toString('base64url')}.c2ln`;
    const call = provider.createChatCompletion!(
      { model: 'claude', messages: [{ role: 'user', content: 'Hi' }] },
      createTestCallContext({
        model: 'claude',
        upstreamModel: 'my-deployment',
        credentials: { bearer: jwt },
      }),
    );
    await expect(call).rejects.toMatchObject({ status: 529, type: 'overloaded_error' });
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${jwt}`);
    expect(upstream.requests[0]?.headers['x-api-key']).toBeUndefined();
    expect(upstream.requests[0]?.json()).toMatchObject({ model: 'my-deployment' });
  });
});
