// The conformance kit of @multi-ai-proxy/core, run the way any third-party plugin would run it.
// The echo provider has no upstream, so the scenarios give no recorded upstream answer.
import { runProviderConformance } from '@multi-ai-proxy/core/testing';
import * as plugin from './index.js';

const question = [{ role: 'user', content: 'What is the weather in Paris?' }];
const tools = [
  {
    type: 'function',
    function: {
      name: 'lookup',
      parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    },
  },
];

runProviderConformance({
  plugin,
  packageName: 'multi-ai-proxy-provider-echo',
  packageJson: new URL('../package.json', import.meta.url),
  options: () => ({ models: ['echo-1', 'echo-2'] }),
  scenarios: [
    {
      name: 'chat completion',
      operation: 'chat.completions',
      request: { model: 'echo-1', messages: question },
      expect: { content: 'Echo: What is the weather in Paris?', finishReason: 'stop' },
    },
    {
      name: 'streamed chat completion with usage',
      operation: 'chat.completions',
      request: {
        model: 'echo-1',
        stream: true,
        stream_options: { include_usage: true },
        messages: question,
      },
      expect: { content: 'Echo: What is the weather in Paris?', finishReason: 'stop' },
    },
    {
      name: 'streamed chat completion without usage',
      operation: 'chat.completions',
      request: { model: 'echo-1', stream: true, messages: question },
      expect: { finishReason: 'stop' },
    },
    {
      name: 'tool call',
      operation: 'chat.completions',
      request: { model: 'echo-1', messages: question, tools },
      expect: { toolCalls: ['lookup'], finishReason: 'tool_calls' },
    },
    {
      name: 'streamed tool call',
      operation: 'chat.completions',
      request: { model: 'echo-1', stream: true, messages: question, tools },
      expect: { toolCalls: ['lookup'], finishReason: 'tool_calls' },
    },
    {
      name: 'answer after a tool result',
      operation: 'chat.completions',
      request: {
        model: 'echo-1',
        tools,
        messages: [
          ...question,
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'lookup', arguments: '{"text":"Paris"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        ],
      },
      expect: { content: 'Echo: tool said sunny', finishReason: 'stop' },
    },
    {
      name: 'length limit',
      operation: 'chat.completions',
      request: { model: 'echo-1', max_completion_tokens: 2, messages: question },
      expect: { content: 'Echo: What ', finishReason: 'length' },
    },
    {
      name: 'bad request is a 400',
      operation: 'chat.completions',
      request: { model: 'echo-1', messages: [] },
      expect: { error: { status: 400 } },
    },
    // A chat-only plugin gets /v1/responses from the gateway's translation: checked the same way.
    {
      name: 'responses: a Response object',
      operation: 'responses',
      request: { model: 'echo-1', input: 'What is the weather in Paris?' },
      expect: { content: 'Echo: What is the weather in Paris?', status: 'completed' },
    },
    {
      name: 'responses stream: a function call over the Responses events',
      operation: 'responses',
      request: {
        model: 'echo-1',
        input: 'What is the weather in Paris?',
        stream: true,
        tools: [{ type: 'function', name: 'lookup', parameters: tools[0]!.function.parameters }],
      },
      expect: { toolCalls: ['lookup'] },
    },
    {
      name: 'responses: a tool output in the input answered as text',
      operation: 'responses',
      request: {
        model: 'echo-1',
        input: [
          { role: 'user', content: 'What is the weather in Paris?' },
          {
            type: 'function_call',
            call_id: 'call_1',
            name: 'lookup',
            arguments: '{"text":"Paris"}',
          },
          { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
        ],
        tools: [{ type: 'function', name: 'lookup', parameters: tools[0]!.function.parameters }],
      },
      expect: { content: 'Echo: tool said sunny', status: 'completed' },
    },
    {
      name: 'responses: max_output_tokens cuts the answer: status incomplete',
      operation: 'responses',
      request: { model: 'echo-1', input: 'What is the weather in Paris?', max_output_tokens: 2 },
      expect: { content: 'Echo: What ', status: 'incomplete' },
    },
    {
      name: 'completion',
      operation: 'completions',
      request: { model: 'echo-1', prompt: ['a b', 'c'] },
    },
    {
      name: 'streamed completion with usage',
      operation: 'completions',
      request: {
        model: 'echo-1',
        prompt: 'a b',
        stream: true,
        stream_options: { include_usage: true },
      },
    },
    {
      name: 'embeddings (float)',
      operation: 'embeddings',
      request: { model: 'echo-1', input: ['one', 'two', 'three'] },
    },
    {
      name: 'embeddings (base64, dimensions)',
      operation: 'embeddings',
      request: { model: 'echo-1', input: 'one', encoding_format: 'base64', dimensions: 16 },
    },
    { name: 'model list', operation: 'models', expect: { count: 2 } },
  ],
});
