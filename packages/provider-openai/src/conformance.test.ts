import { readChunksFixture, readJsonFixture, runProviderConformance } from '@multi-ai-proxy/core/testing';
import { expect } from 'vitest';
import * as plugin from './index.js';

// The core conformance kit against the recorded OpenAI-shaped answers in src/__fixtures__ (Azure
// recordings: no recording of api.openai.com exists, see __fixtures__/README.md).
const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const ask = (model: string, extra = {}) => ({ model, messages: [{ role: 'user', content: 'Hi' }], ...extra });

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
      upstream: { body: readJsonFixture(fixture('chat-completions.response.content-filter.gpt-4.1.json')) },
      expect: { content: 'How can I assist you today?', finishReason: 'stop' },
      // The kit reports a throwing check as a problem, so vitest's expect does the work.
      checkUpstream: ([request]) => {
        expect(request?.path).toBe('/v1/chat/completions');
        expect(request?.headers.authorization, 'the server-side key as Bearer').toBe('Bearer openai-test-key');
      },
    },
    {
      name: 'chat stream with include_usage: recorded model-router chunks',
      operation: 'chat.completions',
      request: ask('gpt-5-nano', { stream: true, stream_options: { include_usage: true } }),
      // The recording is Azure's: its first event is Azure's prompt-filter-only chunk (empty id and model,
      // `choices: []`), which api.openai.com never sends and this byte-for-byte passthrough does not
      // remove (provider-azure does). The remaining recorded events are served unchanged.
      upstream: { sse: [...readChunksFixture(fixture('chat-completions.stream.content-filter.model-router.chunks.txt')).slice(1), '[DONE]'] },
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
