import { isDeepStrictEqual } from 'node:util';
import {
  readChunksFixture,
  readFixtureText,
  readJsonFixture,
  readRecordingFixture,
  recordingToMockReply,
  runProviderConformance,
} from '@multi-ai-proxy/core/testing';
import { fixture } from '../test/fixtures.js';
import * as pluginModule from './index.js';

// The core conformance kit, in express mode (API key) so the kit's single mock upstream is enough.
const MODELS = '/v1/publishers/google/models';
const [textInteraction] = readRecordingFixture(
  fixture('generateContent.text.gemini-2.5-flash.recording.json'),
);
const [streamInteraction] = readRecordingFixture(
  fixture('streamGenerateContent.text.recording.json'),
);
const [countInteraction] = readRecordingFixture(fixture('countTokens.recording.json'));
const [predictInteraction] = readRecordingFixture(
  fixture('predict.text-embedding-004.recording.json'),
);
const [wholeCallInteraction] = readRecordingFixture(
  fixture('streamGenerateContent.streamFunctionCallArguments.recording.json'),
);

runProviderConformance({
  plugin: pluginModule,
  packageName: '@multi-ai-proxy/provider-vertex',
  env: (upstreamUrl) => ({
    VERTEX_AI_API_KEY: 'AQ.conformance-secret',
    VERTEX_AI_ENDPOINT: upstreamUrl,
  }),
  secrets: ['AQ.conformance-secret'],
  scenarios: [
    {
      name: 'chat: recorded text answer',
      operation: 'chat.completions',
      request: {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
      },
      upstream: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:generateContent`,
          reply: recordingToMockReply(textInteraction!),
        },
      ],
      expect: { content: /Rayleigh scattering/, finishReason: 'length' },
    },
    {
      name: 'chat stream with usage: recorded stream',
      operation: 'chat.completions',
      request: {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
        stream: true,
        stream_options: { include_usage: true },
      },
      upstream: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:streamGenerateContent`,
          reply: recordingToMockReply(streamInteraction!),
        },
      ],
      expect: { content: /Rayleigh scattering/, finishReason: 'stop' },
    },
    {
      name: 'chat: recorded parallel function calls',
      operation: 'chat.completions',
      request: {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'sums' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'sum',
              parameters: {
                type: 'object',
                properties: { x: { type: 'number' }, y: { type: 'number' } },
              },
            },
          },
        ],
      },
      upstream: {
        body: readJsonFixture(fixture('generateContent.function-call-parallel.response.json')),
      },
      expect: { toolCalls: ['sum', 'sum', 'sum'], finishReason: 'tool_calls' },
    },
    {
      name: 'chat stream: recorded partialArgs tool calls',
      operation: 'chat.completions',
      request: {
        model: 'gemini-3.1-pro-preview',
        messages: [{ role: 'user', content: 'weather' }],
        stream: true,
        tools: [
          {
            type: 'function',
            function: {
              name: 'getWeather',
              parameters: { type: 'object', properties: { location: { type: 'string' } } },
            },
          },
        ],
      },
      upstream: {
        sse: readChunksFixture(
          fixture('streamGenerateContent.partialArgs.gemini-3.1-pro.chunks.txt'),
        ),
      },
      expect: { toolCalls: ['getWeather', 'getWeather'], finishReason: 'tool_calls' },
    },
    {
      name: 'chat stream: recorded call sent whole with partialArgs (streamFunctionCallArguments)',
      operation: 'chat.completions',
      request: {
        model: 'gemini-3-pro-preview',
        messages: [{ role: 'user', content: 'what is the result of 100/2' }],
        stream: true,
        tools: [
          {
            type: 'function',
            function: {
              name: 'customDivide',
              parameters: {
                type: 'object',
                properties: { denominator: { type: 'number' }, numerator: { type: 'number' } },
              },
            },
          },
        ],
      },
      upstream: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-3-pro-preview:streamGenerateContent`,
          reply: recordingToMockReply(wholeCallInteraction!),
        },
      ],
      expect: { toolCalls: ['customDivide'], finishReason: 'tool_calls' },
    },
    {
      name: 'chat stream: recorded error in the middle of the stream ends it with an error event',
      operation: 'chat.completions',
      request: {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      },
      upstream: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:streamGenerateContent`,
          reply: {
            rawSse: readFixtureText(fixture('streamGenerateContent.error-mid-stream.sse.txt')),
          },
        },
      ],
      expect: { streamError: true },
    },
    {
      name: 'chat: recorded 403 PERMISSION_DENIED',
      operation: 'chat.completions',
      request: { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }] },
      upstream: {
        status: 403,
        body: readJsonFixture(fixture('error.403-iam-permission-denied.json')),
      },
      expect: { error: { status: 403 } },
    },
    {
      name: 'chat: recorded 429 RESOURCE_EXHAUSTED',
      operation: 'chat.completions',
      request: { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }] },
      upstream: {
        status: 429,
        headers: { 'retry-after': '30' },
        body: readJsonFixture(fixture('error.429-resource-exhausted.json')),
      },
      expect: { error: { status: 429, headers: ['retry-after'] } },
    },
    {
      name: 'embeddings: recorded :predict answer',
      operation: 'embeddings',
      request: { model: 'text-embedding-004', input: 'Hello world' },
      upstream: [
        {
          method: 'POST',
          path: `${MODELS}/text-embedding-004:predict`,
          reply: recordingToMockReply(predictInteraction!),
        },
      ],
      expect: { count: 1 },
    },
    {
      name: 'count_tokens: recorded countTokens answer; system text and tools at the top level',
      operation: 'count_tokens',
      request: {
        model: 'gemini-2.5-flash',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'The quick brown fox jumps over the lazy dog.' },
        ],
        tools: [
          {
            type: 'function',
            function: { name: 'weather', parameters: { type: 'object', properties: {} } },
          },
        ],
      },
      upstream: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:countTokens`,
          reply: recordingToMockReply(countInteraction!),
        },
      ],
      expect: { count: 10 },
      checkUpstream: (requests) => {
        const body = requests[0]?.json() as Record<string, unknown> | undefined;
        return isDeepStrictEqual(
          body?.contents,
          (countInteraction!.request.body as { contents: unknown }).contents,
        ) &&
          JSON.stringify(body?.systemInstruction).includes('Be brief.') &&
          JSON.stringify(body?.tools).includes('"weather"') &&
          body?.generateContentRequest === undefined &&
          body?.generationConfig === undefined
          ? []
          : [`unexpected countTokens body ${JSON.stringify(body)}`];
      },
    },
  ],
});
