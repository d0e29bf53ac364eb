// runProviderConformance used exactly as a plugin author would, on the kit's well-behaved fake plugin.
import { createFakePlugin } from './__fixtures__/fake-openai-compatible-plugin.js';
import { readChunksFixture, readFixtureText, readJsonFixture } from './read-fixture.js';
import { runProviderConformance } from './run-provider-conformance.js';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';

const fixture = (name: string) => upstreamFixture('azure', name);

runProviderConformance({
  plugin: { default: createFakePlugin() },
  packageName: 'fake-provider',
  env: (url) => ({ FAKE_ENDPOINT: url }),
  secrets: ['sk-never-shown'],
  scenarios: [
    {
      name: 'chat completion (recorded Azure answer)',
      operation: 'chat.completions',
      request: { model: 'alias', messages: [{ role: 'user', content: 'How are you?' }] },
      upstream: [
        {
          method: 'POST',
          path: '/v1/chat/completions',
          reply: {
            body: readJsonFixture(fixture('chat-completions.response.content-filter.gpt-4.1.json')),
          },
        },
      ],
      expect: { finishReason: 'stop' },
    },
    {
      name: 'streamed chat completion with include_usage (recorded Azure stream)',
      operation: 'chat.completions',
      request: {
        model: 'fake-1',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'Capital?' }],
      },
      upstream: {
        sse: [
          ...readChunksFixture(
            fixture('chat-completions.stream.content-filter.model-router.chunks.txt'),
          ),
          '[DONE]',
        ],
      },
    },
    {
      name: 'streamed chat completion from raw recorded SSE text',
      operation: 'chat.completions',
      request: { model: 'fake-1', stream: true, messages: [{ role: 'user', content: 'Hi' }] },
      upstream: {
        rawSse: readFixtureText(fixture('chat-completions.stream.content-filter.gpt-4.1.sse.txt')),
      },
      expect: { content: 'Hello!' },
    },
    {
      name: 'upstream content-filter error keeps its status',
      operation: 'chat.completions',
      request: { model: 'fake-1', messages: [{ role: 'user', content: 'x' }] },
      upstream: { status: 400, body: readJsonFixture(fixture('error.400-content-filter.json')) },
      expect: { error: { status: 400 } },
    },
    { name: 'lists models', operation: 'models', expect: { count: 1 } },
  ],
});
