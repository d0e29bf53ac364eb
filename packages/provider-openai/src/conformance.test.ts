import {
  readChunksFixture,
  readJsonFixture,
  runProviderConformance,
} from '@multi-ai-proxy/core/testing';
import { expect } from 'vitest';
import * as plugin from './index.js';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';

// The core conformance kit against recorded OpenAI-shaped answers: the Azure recordings in
// fixtures/upstream/azure (no recording of api.openai.com exists; Azure's bodies are OpenAI-shaped).
const fixture = (name: string) => upstreamFixture('azure', name);
const ask = (model: string, extra = {}) => ({
  model,
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});

runProviderConformance({
  plugin,
  packageName: '@multi-ai-proxy/provider-openai',
  env: (url) => ({ OPENAI_API_ENDPOINT: url, OPENAI_API_KEY: 'openai-test-key' }),
  secrets: ['openai-test-key'],
  scenarios: [
    {
      name: 'chat: recorded gpt-4.1 answer',
      operation: 'chat.completions',
      request: ask('gpt-4.1'),
      upstream: {
        body: readJsonFixture(fixture('chat-completions.response.content-filter.gpt-4.1.json')),
      },
      expect: { content: 'How can I assist you today?', finishReason: 'stop' },
      // The kit reports a throwing check as a problem, so vitest's expect does the work.
      checkUpstream: ([request]) => {
        expect(request?.path).toBe('/v1/chat/completions');
        expect(request?.headers.authorization, 'the server-side key as Bearer').toBe(
          'Bearer openai-test-key',
        );
      },
    },
    {
      name: 'chat stream with include_usage: recorded model-router chunks',
      operation: 'chat.completions',
      request: ask('gpt-5-nano', { stream: true, stream_options: { include_usage: true } }),
      // The recording is Azure's: its first event is Azure's prompt-filter-only chunk (empty id and model,
      // `choices: []`), which api.openai.com never sends and this byte-for-byte passthrough does not
      // remove (provider-azure does). The remaining recorded events are served unchanged.
      upstream: {
        sse: [
          ...readChunksFixture(
            fixture('chat-completions.stream.content-filter.model-router.chunks.txt'),
          ).slice(1),
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
