// A second client family: the Vercel AI SDK (`ai` + `@ai-sdk/openai-compatible`) doing chat, streaming and
// tool calls against every first-party provider through one gateway, as a table-driven matrix.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERTEX_TOKEN_PATH } from '../mocks/start-vertex-mock.js';
import { type ProviderFleet, startProviderFleet } from '../support/start-provider-fleet.js';
import { PROVIDER_ROWS } from './provider-matrix.js';

let fleet: ProviderFleet;

beforeAll(async () => {
  fleet = await startProviderFleet();
});

afterAll(async () => {
  await fleet?.stop();
});

const gatewayProvider = () =>
  createOpenAICompatible({
    name: 'gateway',
    baseURL: fleet.gateway.baseURL,
    apiKey: 'client-key',
    includeUsage: true,
  });
const matches = (text: string, expected: string | RegExp) =>
  typeof expected === 'string' ? expect(text).toBe(expected) : expect(text).toMatch(expected);

describe.each(PROVIDER_ROWS)('Vercel AI SDK → $name', (row) => {
  it('generateText', async () => {
    const result = await generateText({
      model: gatewayProvider().chatModel(row.chatModel),
      prompt: 'Why is the sky blue?',
      maxRetries: 0,
    });
    matches(result.text, row.chatText);
    expect(result.finishReason).toBe(row.chatFinishReason);
    expect(result.usage.totalTokens).toBe(
      (result.usage.inputTokens ?? 0) + (result.usage.outputTokens ?? 0),
    );
  });

  it('streamText with usage', async () => {
    const result = streamText({
      model: gatewayProvider().chatModel(row.chatModel),
      prompt: 'Capital of Wyoming?',
      maxRetries: 0,
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    matches(text, row.streamText);
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(usage.totalTokens).toBe((usage.inputTokens ?? 0) + (usage.outputTokens ?? 0));
  });

  it('tool call, executed by the SDK, then the answer (two steps)', async () => {
    const executed: unknown[] = [];
    const before = fleet.mocks[row.name].requests.length;
    const result = await generateText({
      model: gatewayProvider().chatModel(row.chatModel),
      prompt: 'Use the tool.',
      maxRetries: 0,
      stopWhen: stepCountIs(2),
      tools: {
        [row.toolName]: tool({
          description: 'Tool of the recorded answer',
          inputSchema: jsonSchema<Record<string, unknown>>({
            type: 'object',
            properties: { location: { type: 'string' } },
          }),
          execute: async (input) => {
            executed.push(input);
            return { result: 42 };
          },
        }),
      },
    });
    expect(executed.length).toBeGreaterThan(0);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.finishReason).toBe('tool-calls');
    expect(result.text.length).toBeGreaterThan(0);
    const calls = fleet.mocks[row.name].requests
      .slice(before)
      .filter((request) => request.path !== VERTEX_TOKEN_PATH);
    expect(calls).toHaveLength(2);
    for (const call of calls) row.checkAuth(call);
    expect(calls[1]!.text()).toContain('42');
  });
});
