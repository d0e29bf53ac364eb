import {
  readChunksFixture,
  readFixtureText,
  readJsonFixture,
  runProviderConformance,
} from '@multi-ai-proxy/core/testing';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';
import { expect } from 'vitest';
import * as plugin from './index.js';

// The core conformance kit against the recorded Azure OpenAI answers (fixtures/upstream/azure).
const fixture = (name: string) => upstreamFixture('azure', name);
const ask = (model: string, extra = {}) => ({
  model,
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});

runProviderConformance({
  plugin,
  packageName: '@multi-ai-proxy/provider-azure',
  env: (url) => ({ AZURE_OPENAI_ENDPOINT: url, AZURE_OPENAI_API_KEY: 'azure-test-key' }),
  secrets: ['azure-test-key'],
  scenarios: [
    {
      name: 'chat: recorded gpt-4.1 answer with content filter results',
      operation: 'chat.completions',
      request: ask('gpt-4.1'),
      upstream: {
        body: readJsonFixture(fixture('chat-completions.response.content-filter.gpt-4.1.json')),
      },
      expect: { content: 'How can I assist you today?', finishReason: 'stop' },
      // The kit reports a throwing check as a problem, so vitest's expect does the work.
      checkUpstream: ([request]) => {
        expect(request?.path).toMatch(/^\/openai\/deployments\/[^/]+\/chat\/completions$/);
        expect(request?.headers['api-key'], 'the api-key header').toBe('azure-test-key');
      },
    },
    {
      name: 'chat stream without usage: recorded gpt-4.1 SSE text',
      operation: 'chat.completions',
      request: ask('gpt-4.1', { stream: true }),
      upstream: {
        rawSse: readFixtureText(fixture('chat-completions.stream.content-filter.gpt-4.1.sse.txt')),
      },
      expect: { content: 'Hello! I’m doing well, thank you for asking.', finishReason: 'stop' },
    },
    {
      name: 'chat stream with include_usage: recorded model-router chunks',
      operation: 'chat.completions',
      request: ask('model-router', { stream: true, stream_options: { include_usage: true } }),
      upstream: {
        sse: [
          ...readChunksFixture(
            fixture('chat-completions.stream.content-filter.model-router.chunks.txt'),
          ),
          '[DONE]',
        ],
      },
      expect: { content: 'Capital of Denmark.', finishReason: 'stop' },
    },
    {
      name: 'chat: recorded 400 content_filter keeps its status',
      operation: 'chat.completions',
      request: ask('gpt-4.1'),
      upstream: { status: 400, body: readJsonFixture(fixture('error.400-content-filter.json')) },
      expect: { error: { status: 400 } },
    },
  ],
});
