// The plugin path end to end: the example plugin `multi-ai-proxy-provider-echo` (examples/provider-echo,
// not a dependency of the gateway) is installed into a plugin folder and loaded by package name from the
// config file's pluginDir, then driven with the official openai client and the Vercel AI SDK.
import { fileURLToPath } from 'node:url';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  checkChatCompletion,
  checkChatCompletionChunks,
  checkEmbeddingResponse,
  checkModelList,
} from '@multi-ai-proxy/core/testing';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginDir } from '../support/create-plugin-dir.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';

const ECHO_PACKAGE = 'multi-ai-proxy-provider-echo';
const ECHO_FOLDER = fileURLToPath(new URL('../../../../examples/provider-echo', import.meta.url));

let gateway: RunningGateway;
let plugins: ReturnType<typeof createPluginDir>;
let client: OpenAI;

beforeAll(async () => {
  plugins = createPluginDir({ [ECHO_PACKAGE]: ECHO_FOLDER });
  gateway = await startGateway({
    config: {
      pluginDir: plugins.dir,
      defaultProvider: 'demo',
      providers: [
        {
          name: 'demo',
          package: ECHO_PACKAGE,
          options: { models: ['echo-1', 'echo-2'], prefix: 'Echo: ' },
        },
      ],
    },
  });
  client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.stop();
  plugins?.remove();
});

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'lookup',
    description: 'Look something up',
    parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
};

describe('a third-party plugin loaded from pluginDir by package name', () => {
  it('is reported as loaded from the config file', () => {
    const loaded = gateway.logs.find((line) => line.msg === 'provider loaded');
    expect(loaded).toMatchObject({ instance: 'demo', package: `${ECHO_PACKAGE}@0.1.0` });
  });

  it('answers chat completions through the openai client', async () => {
    const completion = await client.chat.completions.create({
      model: 'echo-1',
      messages: [{ role: 'user', content: 'hello gateway' }],
    });
    expect(checkChatCompletion(completion)).toEqual([]);
    expect(completion.choices[0]!.message.content).toBe('Echo: hello gateway');
    expect(completion.model).toBe('echo-1');
  });

  it('routes by instance prefix too', async () => {
    const completion = await client.chat.completions.create({
      model: 'demo/echo-2',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]!.message.content).toBe('Echo: hi');
  });

  it('streams with include_usage, usage chunk last', async () => {
    const stream = await client.chat.completions.create({
      model: 'echo-1',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'one two three' }],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(checkChatCompletionChunks(chunks, { includeUsage: true })).toEqual([]);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Echo: one two three',
    );
    expect(chunks.at(-1)!.usage).toEqual({
      prompt_tokens: 3,
      completion_tokens: 4,
      total_tokens: 7,
    });
  });

  it('runs a two-turn tool conversation', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Paris weather' },
    ];
    const first = await client.chat.completions.create({
      model: 'echo-1',
      messages,
      tools: [weatherTool],
    });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      text: 'Paris weather',
    });
    messages.push(first.choices[0]!.message, {
      role: 'tool',
      tool_call_id: call.id,
      content: 'sunny, 21 °C',
    });
    const second = await client.chat.completions.create({
      model: 'echo-1',
      messages,
      tools: [weatherTool],
    });
    expect(second.choices[0]!.message.content).toBe('Echo: tool said sunny, 21 °C');
  });

  it('embeds as floats and as base64', async () => {
    const floats = await client.embeddings.create({
      model: 'echo-1',
      input: ['a', 'b'],
      encoding_format: 'float',
    });
    expect(checkEmbeddingResponse(floats, { inputCount: 2 })).toEqual([]);
    const base64 = await client.embeddings.create({
      model: 'echo-1',
      input: ['a', 'b'],
      encoding_format: 'base64',
    });
    expect(checkEmbeddingResponse(base64, { inputCount: 2, encodingFormat: 'base64' })).toEqual([]);
    const bytes = Buffer.from(base64.data[0]!.embedding as unknown as string, 'base64');
    const decoded = Array.from({ length: bytes.length / 4 }, (_, index) =>
      bytes.readFloatLE(index * 4),
    );
    expect(decoded).toHaveLength(floats.data[0]!.embedding.length);
    decoded.forEach((value, index) => {
      expect(value).toBeCloseTo(floats.data[0]!.embedding[index]!, 5);
    });
  });

  it('answers legacy completions', async () => {
    const completion = await client.completions.create({ model: 'echo-1', prompt: 'say this' });
    expect(completion.choices[0]!.text).toBe('Echo: say this');
  });

  it('lists its models', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model);
    expect(checkModelList(ids)).toEqual([]);
    expect(ids.map((model) => model.id)).toEqual(expect.arrayContaining(['echo-1', 'echo-2']));
  });

  it('answers an operation the plugin does not serve with a clean OpenAI error', async () => {
    const apiError = await expectOpenAIApiError(client.files.list());
    expect(apiError.status).toBeGreaterThanOrEqual(400);
    expect(apiError.status).toBeLessThan(500);
  });
});

describe('the Vercel AI SDK against the plugin', () => {
  const provider = () =>
    createOpenAICompatible({
      name: 'gateway',
      baseURL: gateway.baseURL,
      apiKey: 'client-key',
      includeUsage: true,
    });

  it('generates text', async () => {
    const result = await generateText({
      model: provider().chatModel('echo-1'),
      prompt: 'from the ai sdk',
      maxRetries: 0,
    });
    expect(result.text).toBe('Echo: from the ai sdk');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBe(4);
  });

  it('streams text with usage', async () => {
    const result = streamText({
      model: provider().chatModel('echo-1'),
      prompt: 'streamed words here',
      maxRetries: 0,
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Echo: streamed words here');
    expect((await result.usage).totalTokens).toBe(7);
  });

  it('calls a tool and answers with its result (two steps)', async () => {
    const executed: unknown[] = [];
    const result = await generateText({
      model: provider().chatModel('echo-1'),
      prompt: 'Paris weather',
      maxRetries: 0,
      stopWhen: stepCountIs(2),
      tools: {
        lookup: tool({
          description: 'Look something up',
          inputSchema: jsonSchema<{ text: string }>({
            type: 'object',
            properties: { text: { type: 'string' } },
            required: ['text'],
          }),
          execute: async (input) => {
            executed.push(input);
            return 'sunny';
          },
        }),
      },
    });
    expect(executed).toEqual([{ text: 'Paris weather' }]);
    expect(result.steps).toHaveLength(2);
    expect(result.text).toBe('Echo: tool said sunny');
  });
});

describe('a third-party plugin found in the plugin folder and configured by the environment alone', () => {
  it('is loaded when its detectFromEnv is true, with no config file', async () => {
    const envOnly = await startGateway({
      env: {
        MULTI_AI_PROXY_PLUGIN_DIR: plugins.dir,
        ECHO_PROVIDER_MODELS: 'echo-env',
        ECHO_PROVIDER_PREFIX: 'Env: ',
      },
    });
    try {
      const loaded = envOnly.logs.find((line) => line.msg === 'provider loaded');
      expect(loaded).toMatchObject({ instance: 'echo', package: `${ECHO_PACKAGE}@0.1.0` });
      const envClient = new OpenAI({
        baseURL: envOnly.baseURL,
        apiKey: 'client-key',
        maxRetries: 0,
      });
      const completion = await envClient.chat.completions.create({
        model: 'echo/echo-env',
        messages: [{ role: 'user', content: 'found me' }],
      });
      expect(completion.choices[0]!.message.content).toBe('Env: found me');
    } finally {
      await envOnly.stop();
    }
  });

  it('is not loaded when its variables are not set', async () => {
    const bare = await startGateway({ env: { MULTI_AI_PROXY_PLUGIN_DIR: plugins.dir } });
    try {
      expect(bare.logs.filter((line) => line.msg === 'provider loaded')).toEqual([]);
    } finally {
      await bare.stop();
    }
  });
});
