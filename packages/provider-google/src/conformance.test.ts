import { isDeepStrictEqual } from 'node:util';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';
import {
  readChunksFixture,
  readFixtureText,
  readJsonFixture,
  readRecordingFixture,
  recordingToMockReply,
  runProviderConformance,
} from '@multi-ai-proxy/core/testing';
import * as plugin from './index.js';

// The core conformance kit against the recorded Gemini API answers (fixtures/upstream/gemini).
const fixture = (name: string) => upstreamFixture('gemini', name);
const ask = (model: string, extra = {}) => ({
  model,
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});
const weatherTool = {
  type: 'function',
  function: {
    name: 'weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } } },
  },
};
const [textInteraction] = readRecordingFixture(
  fixture('generateContent.text.gemini-2.5-flash.recording.json'),
);
const [countInteraction] = readRecordingFixture(fixture('countTokens.recording.json'));
const FOX = 'The quick brown fox jumps over the lazy dog.';

runProviderConformance({
  plugin,
  packageName: '@multi-ai-proxy/provider-google',
  env: (url) => ({ GOOGLE_AI_STUDIO_API_KEY: 'google-test-key', GOOGLE_AI_STUDIO_ENDPOINT: url }),
  secrets: ['google-test-key'],
  scenarios: [
    {
      name: 'chat: recorded gemini-2.5-flash answer cut at MAX_TOKENS',
      operation: 'chat.completions',
      request: ask('gemini-2.5-flash'),
      upstream: [
        {
          method: 'POST',
          path: '/v1beta/models/gemini-2.5-flash:generateContent',
          reply: recordingToMockReply(textInteraction!),
        },
      ],
      expect: { content: /Rayleigh Scattering/, finishReason: 'length' },
      checkUpstream: (requests) =>
        requests[0]?.headers['x-goog-api-key'] === 'google-test-key'
          ? []
          : ['the x-goog-api-key header was not sent'],
    },
    {
      name: 'chat: recorded Gemini 3 function call',
      operation: 'chat.completions',
      request: ask('gemini-3-pro-preview', { tools: [weatherTool] }),
      upstream: [
        {
          method: 'POST',
          path: '/v1beta/models/gemini-3-pro-preview:generateContent',
          reply: {
            body: readJsonFixture(
              fixture('generateContent.function-call.gemini-3-pro.response.json'),
            ),
          },
        },
      ],
      expect: { toolCalls: ['weather'], finishReason: 'tool_calls' },
    },
    {
      name: 'chat stream with include_usage: recorded SSE text',
      operation: 'chat.completions',
      request: ask('gemini-2.5-flash', { stream: true, stream_options: { include_usage: true } }),
      upstream: [
        {
          method: 'POST',
          path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
          reply: { rawSse: readFixtureText(fixture('streamGenerateContent.text.sse.txt')) },
        },
      ],
      expect: { content: 'The capital of Wyoming is **Cheyenne**.', finishReason: 'stop' },
      checkUpstream: (requests) =>
        requests[0]?.search === 'alt=sse' ? [] : [`expected ?alt=sse, got ?${requests[0]?.search}`],
    },
    {
      name: 'chat stream: recorded Gemini 3 function call',
      operation: 'chat.completions',
      request: ask('gemini-3-pro-preview', { stream: true, tools: [weatherTool] }),
      upstream: {
        sse: readChunksFixture(
          fixture('streamGenerateContent.function-call.gemini-3-pro.chunks.txt'),
        ),
      },
      expect: { toolCalls: ['weather'], finishReason: 'tool_calls' },
    },
    {
      name: 'chat: recorded 429 RESOURCE_EXHAUSTED turns RetryInfo into retry-after',
      operation: 'chat.completions',
      request: ask('gemini-2.5-flash'),
      upstream: {
        status: 429,
        body: readJsonFixture(fixture('error.429-resource-exhausted-retryinfo.json')),
      },
      expect: { error: { status: 429, headers: ['retry-after'] } },
    },
    // /v1/responses for free: the gateway's translation of the same recordings (core's `responses` scenarios).
    {
      name: 'responses: recorded gemini-2.5-flash answer is an incomplete Response',
      operation: 'responses',
      request: { model: 'gemini-2.5-flash', instructions: 'Be brief.', input: 'Hi' },
      upstream: [
        {
          method: 'POST',
          path: '/v1beta/models/gemini-2.5-flash:generateContent',
          reply: recordingToMockReply(textInteraction!),
        },
      ],
      expect: { content: /Rayleigh Scattering/, status: 'incomplete' },
      checkUpstream: (requests) => {
        const body = requests[0]?.json() as { systemInstruction?: unknown } | undefined;
        return body?.systemInstruction === undefined
          ? ['instructions did not reach Gemini as systemInstruction']
          : [];
      },
    },
    {
      name: 'responses stream: recorded Gemini 3 function call as function_call events',
      operation: 'responses',
      request: {
        model: 'gemini-3-pro-preview',
        input: 'Weather in San Francisco?',
        stream: true,
        tools: [{ type: 'function', name: 'weather', parameters: weatherTool.function.parameters }],
      },
      upstream: {
        sse: readChunksFixture(
          fixture('streamGenerateContent.function-call.gemini-3-pro.chunks.txt'),
        ),
      },
      expect: { toolCalls: ['weather'], status: 'completed' },
    },
    {
      name: 'responses: recorded 429 keeps its status',
      operation: 'responses',
      request: { model: 'gemini-2.5-flash', input: 'Hi' },
      upstream: {
        status: 429,
        body: readJsonFixture(fixture('error.429-resource-exhausted-retryinfo.json')),
      },
      expect: { error: { status: 429, headers: ['retry-after'] } },
    },
    {
      name: 'models: recorded models.list answer',
      operation: 'models',
      upstream: [
        {
          method: 'GET',
          path: '/v1beta/models',
          reply: { body: readJsonFixture(fixture('models.list.response.json')) },
        },
      ],
      expect: { count: 9 },
    },
    {
      name: 'count_tokens: the recorded countTokens request and answer (11 tokens)',
      operation: 'count_tokens',
      request: ask('gemini-2.5-flash', { messages: [{ role: 'user', content: FOX }] }),
      upstream: [
        {
          method: 'POST',
          path: '/v1beta/models/gemini-2.5-flash:countTokens',
          reply: recordingToMockReply(countInteraction!),
        },
      ],
      expect: { count: 11 },
      checkUpstream: (requests) =>
        isDeepStrictEqual(requests[0]?.json(), countInteraction!.request.body)
          ? []
          : [`the countTokens body was ${requests[0]?.text()}, not the recorded one`],
    },
    {
      name: 'count_tokens: system text and tools go in a generateContentRequest',
      operation: 'count_tokens',
      request: ask('gemini-2.5-flash', {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: FOX },
        ],
        tools: [weatherTool],
      }),
      upstream: [
        {
          method: 'POST',
          path: '/v1beta/models/gemini-2.5-flash:countTokens',
          reply: recordingToMockReply(countInteraction!),
        },
      ],
      expect: { count: 11 },
      checkUpstream: (requests) => {
        const body = requests[0]?.json() as {
          contents?: unknown;
          generateContentRequest?: Record<string, unknown>;
        };
        const inner = body?.generateContentRequest;
        return body?.contents === undefined &&
          inner?.model === 'models/gemini-2.5-flash' &&
          JSON.stringify(inner.systemInstruction).includes('Be brief.') &&
          JSON.stringify(inner.tools).includes('"weather"') &&
          inner.generationConfig === undefined
          ? []
          : [`unexpected countTokens body ${JSON.stringify(body)}`];
      },
    },
  ],
});
