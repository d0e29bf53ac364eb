import {
  readFixtureText,
  readJsonFixture,
  runProviderConformance,
} from '@multi-ai-proxy/core/testing';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';
import { expect } from 'vitest';
import * as plugin from './index.js';

// The core conformance kit against the recorded Anthropic bodies and streams, served as a mock
// Azure AI Foundry resource (`/anthropic/v1/messages`).
const fixture = (name: string) => upstreamFixture('anthropic', name);
const ask = (model: string, extra = {}) => ({
  model,
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});

runProviderConformance({
  plugin,
  packageName: '@multi-ai-proxy/provider-anthropic',
  env: (url) => ({
    ANTHROPIC_FOUNDRY_BASE_URL: `${url}/anthropic`,
    ANTHROPIC_FOUNDRY_API_KEY: 'foundry-test-key',
  }),
  secrets: ['foundry-test-key'],
  scenarios: [
    {
      name: 'chat: recorded text message',
      operation: 'chat.completions',
      request: ask('claude-sonnet-4-5'),
      upstream: { body: readJsonFixture(fixture('messages.text.response.json')) },
      expect: { content: 'Hi! My name is Claude.', finishReason: 'stop' },
      checkUpstream: ([request]) => {
        expect(request?.path).toBe('/anthropic/v1/messages');
        expect(request?.headers['x-api-key']).toBe('foundry-test-key');
        expect(request?.headers['anthropic-version']).toBe('2023-06-01');
        expect(request?.json()).toMatchObject({
          model: 'claude-sonnet-4-5',
          max_tokens: 8192,
          messages: [{ role: 'user', content: 'Hi' }],
        });
      },
    },
    {
      name: 'chat: recorded tool_use message',
      operation: 'chat.completions',
      request: ask('claude-sonnet-4-5', {
        tools: [
          { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
        ],
      }),
      upstream: { body: readJsonFixture(fixture('messages.tool-use.response.json')) },
      expect: { toolCalls: ['get_weather'], finishReason: 'tool_calls' },
    },
    {
      name: 'chat stream: recorded SDK text stream',
      operation: 'chat.completions',
      request: ask('claude-3-opus', { stream: true, stream_options: { include_usage: true } }),
      upstream: { rawSse: readFixtureText(fixture('messages.text.sse.txt')) },
      expect: { content: 'Hello there!', finishReason: 'stop' },
    },
    {
      name: 'chat stream: recorded SDK tool_use stream',
      operation: 'chat.completions',
      request: ask('claude-opus-4-8', { stream: true }),
      upstream: { rawSse: readFixtureText(fixture('messages.tool-use.sse.txt')) },
      expect: { toolCalls: ['get_weather'], finishReason: 'tool_calls' },
    },
    {
      name: 'chat: recorded 529 overloaded keeps its status',
      operation: 'chat.completions',
      request: ask('claude-sonnet-4-5'),
      upstream: { status: 529, body: readJsonFixture(fixture('error.529-overloaded.json')) },
      expect: { error: { status: 529 } },
    },
    // /v1/responses for free: the gateway translates it to chat completions, which this provider speaks.
    {
      name: 'responses: recorded text message as a Response',
      operation: 'responses',
      request: { model: 'claude-sonnet-4-5', input: 'Hi' },
      upstream: { body: readJsonFixture(fixture('messages.text.response.json')) },
      expect: { content: 'Hi! My name is Claude.', status: 'completed' },
    },
    {
      name: 'responses stream: recorded SDK tool_use stream as function_call events',
      operation: 'responses',
      request: {
        model: 'claude-opus-4-8',
        input: 'Weather?',
        stream: true,
        tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
      },
      upstream: { rawSse: readFixtureText(fixture('messages.tool-use.sse.txt')) },
      expect: { toolCalls: ['get_weather'] },
    },
    {
      name: 'completions: recorded text message',
      operation: 'completions',
      request: { model: 'claude-sonnet-4-5', prompt: 'Hi' },
      upstream: { body: readJsonFixture(fixture('messages.text.response.json')) },
      expect: { content: 'Hi! My name is Claude.', finishReason: 'stop' },
    },
    {
      name: 'count_tokens: the documented count_tokens answer, no generation settings sent',
      operation: 'count_tokens',
      request: ask('claude-opus-4-6', {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello, world' },
        ],
        max_tokens: 100,
        temperature: 0.2,
        tools: [
          { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
        ],
      }),
      upstream: [
        {
          method: 'POST',
          path: '/anthropic/v1/messages/count_tokens',
          reply: { body: readJsonFixture(fixture('count-tokens.response.json')) },
        },
      ],
      expect: { count: 2095 },
      checkUpstream: ([request]) => {
        expect(request?.headers['x-api-key']).toBe('foundry-test-key');
        expect(request?.json()).toEqual({
          model: 'claude-opus-4-6',
          messages: [{ role: 'user', content: 'Hello, world' }],
          system: [{ type: 'text', text: 'Be brief.' }],
          tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
        });
      },
    },
    {
      name: 'count_tokens: an answer without input_tokens is a 502',
      operation: 'count_tokens',
      request: ask('claude-opus-4-6'),
      upstream: { body: readJsonFixture(fixture('messages.text.response.json')) },
      expect: { error: { status: 502 } },
    },
  ],
});
