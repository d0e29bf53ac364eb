import { afterEach, describe, expect, it } from 'vitest';
import { createFakePlugin, type Flaw } from './__fixtures__/fake-openai-compatible-plugin.js';
import { type ConformanceHarness, createConformanceHarness } from './create-conformance-harness.js';
import type { ProviderScenario } from './provider-scenario.js';
import { readChunksFixture, readJsonFixture } from './read-fixture.js';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';

const fixture = (name: string) => upstreamFixture('azure', name);
const chatBody = readJsonFixture(fixture('chat-completions.response.content-filter.gpt-4.1.json'));
const streamEvents = [
  ...readChunksFixture(fixture('chat-completions.stream.content-filter.model-router.chunks.txt')),
  '[DONE]',
];
const filterError = readJsonFixture(fixture('error.400-content-filter.json'));

const scenarios: Record<string, ProviderScenario> = {
  chat: {
    name: 'chat',
    operation: 'chat.completions',
    request: { model: 'fake-1', messages: [{ role: 'user', content: 'How are you?' }] },
    upstream: [{ method: 'POST', path: '/v1/chat/completions', reply: { body: chatBody } }],
    expect: { content: "I'm here and ready to help", finishReason: 'stop' },
    checkUpstream: (requests) =>
      (requests[0]?.json() as { model?: string } | undefined)?.model === 'fake-1'
        ? []
        : ['the upstream did not receive the model'],
  },
  stream: {
    name: 'stream with usage',
    operation: 'chat.completions',
    request: {
      model: 'fake-1',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Capital?' }],
    },
    upstream: { sse: streamEvents },
    expect: { content: /^Capital of/, finishReason: 'stop' },
  },
  error: {
    name: 'content filter error',
    operation: 'chat.completions',
    request: { model: 'fake-1', messages: [{ role: 'user', content: 'x' }] },
    upstream: {
      status: 400,
      body: filterError,
      headers: { 'x-ratelimit-remaining-requests': '9' },
    },
    expect: { error: { status: 400, headers: ['x-ratelimit-remaining-requests'] } },
  },
  models: { name: 'models', operation: 'models', expect: { count: 1 } },
};

let harness: ConformanceHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(flaws: readonly Flaw[] = []) {
  harness = createConformanceHarness({
    plugin: { default: createFakePlugin(flaws) },
    packageName: 'fake-provider',
    options: (url) => ({ endpoint: url }),
  });
  return { harness, ...(await harness.start()) };
}

describe('createConformanceHarness', () => {
  it('passes a well-behaved plugin, replaying recorded Azure answers through its mock upstream', async () => {
    const { harness, mock } = await start();
    expect(await harness.checkContract()).toEqual([]);
    for (const scenario of Object.values(scenarios)) {
      const outcome = await harness.runScenario(scenario);
      expect(outcome.problems, scenario.name).toEqual([]);
    }
    // Each scenario resets the mock; the fake lists its models without an upstream call.
    expect(mock.requests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
  });

  it('records what the upstream received', async () => {
    const { harness, mock } = await start();
    await harness.runScenario(scenarios.chat!);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.json()).toEqual(scenarios.chat!.request);
    expect(mock.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it.each<[Flaw, keyof typeof scenarios | 'contract', RegExp]>([
    ['keeps-filter-chunk', 'stream', /chunk 0: has "choices": \[\] before the last chunk/],
    ['finish-reason-early', 'stream', /after this choice's finish_reason/],
    ['no-role', 'stream', /must carry role "assistant"/],
    ['wrong-total', 'chat', /total_tokens \(44\) must equal/],
    ['created-in-ms', 'chat', /created must be Unix seconds/],
    ['plain-error', 'error', /expected a GatewayError/],
    ['models-prefix', 'models', /keeps the upstream's "models\/" prefix/],
    ['ignores-instance-name', 'contract', /instanceName = context.instanceName/],
    ['detects-empty-env', 'contract', /detectFromEnv\(\{\}\) must be false/],
    [
      'type-error-on-bad-options',
      'contract',
      /threw TypeError instead of InvalidPluginOptionsError/,
    ],
  ])('fails a plugin with the flaw "%s"', async (flaw, check, problem) => {
    const { harness } = await start([flaw]);
    const problems =
      check === 'contract'
        ? await harness.checkContract()
        : (await harness.runScenario(scenarios[check]!)).problems;
    expect(
      problems.some((text) => problem.test(text)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('reports a scenario expectation the answer does not meet, and an upstream check that fails', async () => {
    const { harness } = await start();
    const outcome = await harness.runScenario({
      ...scenarios.chat!,
      expect: { content: 'Bonjour', finishReason: 'length' },
      checkUpstream: () => ['wrong URL'],
    });
    expect(outcome.problems).toEqual([
      expect.stringMatching(/does not contain Bonjour/),
      'finish_reason must be "length", got "stop"',
      'wrong URL',
    ]);
  });

  it('reports an error scenario that succeeds, and an upstream URL the mock does not serve', async () => {
    const { harness } = await start();
    expect(
      (await harness.runScenario({ ...scenarios.chat!, expect: { error: { status: 429 } } }))
        .problems,
    ).toEqual(['expected an error with status 429, got a json answer with status 200']);
    const unserved = await harness.runScenario({
      ...scenarios.chat!,
      upstream: [{ path: '/elsewhere', reply: { body: chatBody } }],
    });
    expect(unserved.problems.join('\n')).toMatch(
      /the call threw: UpstreamApiError: mock upstream: no route for POST \/v1\/chat\/completions/,
    );
  });
});
