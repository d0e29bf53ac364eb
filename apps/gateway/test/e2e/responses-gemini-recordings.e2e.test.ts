// Every recorded Gemini / Vertex function-call and thinking answer, replayed through `/v1/responses`
// with the `openai` client: the function calls, the thinking text and the token counts of the recording
// must all arrive as Responses items and usage (streamed recordings through `responses.stream`).
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GEMINI_TOOL_RECORDINGS as RECORDINGS,
  loadGeminiRecording as load,
} from '../support/gemini-tool-recordings.js';
import { type ProviderFleet, startProviderFleet } from '../support/start-provider-fleet.js';

let fleet: ProviderFleet;
let client: OpenAI;

beforeAll(async () => {
  fleet = await startProviderFleet();
  client = new OpenAI({ baseURL: fleet.gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
});

afterAll(async () => {
  await fleet?.stop();
});

describe.each(RECORDINGS)('$upstream $name through /v1/responses', (recording) => {
  it('keeps every function call, the thinking text and the reasoning token count', async () => {
    const { answers, reply, streamed } = load(recording);
    const parts = answers.flatMap((answer) => answer.candidates?.[0]?.content?.parts ?? []);
    const callNames = parts
      .filter((part) => part.functionCall?.name !== undefined)
      .map((part) => part.functionCall!.name!);
    const thoughts = parts
      .filter((part) => part.thought === true && typeof part.text === 'string')
      .map((part) => part.text)
      .join('');
    const reasoningTokens =
      answers
        .map((answer) => answer.usageMetadata?.thoughtsTokenCount)
        .filter((count) => count !== undefined)
        .at(-1) ?? 0;

    const mock = fleet.mocks[recording.upstream === 'gemini' ? 'google' : 'vertex'];
    mock.prepend({
      method: 'POST',
      path: streamed ? /:streamGenerateContent\?alt=sse$/ : /:generateContent$/,
      reply,
      times: 1,
    });
    const tools: OpenAI.Responses.Tool[] = [...new Set(callNames)].map((name) => ({
      type: 'function',
      name,
      parameters: { type: 'object', properties: {} },
      strict: false,
    }));
    const request = {
      model: recording.model,
      input: 'Go.',
      reasoning: { effort: 'high' as const, summary: 'auto' as const },
      ...(tools.length > 0 ? { tools } : {}),
    };

    let response: OpenAI.Responses.Response;
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    if (streamed) {
      const stream = client.responses.stream(request);
      for await (const event of stream) events.push(event);
      response = await stream.finalResponse();
      expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    } else {
      response = await client.responses.create(request);
    }

    const calls = response.output.filter(
      (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
    );
    // A part naming a function starts a call (Vertex `partialArgs` streams then fill in its arguments).
    expect(calls.map((call) => call.name)).toEqual(callNames);
    for (const call of calls) {
      expect(() => JSON.parse(call.arguments)).not.toThrow();
      if (streamed) {
        const deltas = events
          .filter(
            (event) =>
              event.type === 'response.function_call_arguments.delta' && event.item_id === call.id,
          )
          .map((event) => (event as { delta: string }).delta);
        expect(deltas.join('')).toBe(call.arguments);
      }
    }
    const reasoning = response.output.filter(
      (item) => item.type === 'reasoning',
    ) as OpenAI.Responses.ResponseReasoningItem[];
    if (thoughts.length > 0)
      expect(reasoning.flatMap((item) => item.summary.map((part) => part.text)).join('')).toBe(
        thoughts,
      );
    else expect(reasoning).toEqual([]);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(reasoningTokens);
    expect(response.status).toBe('completed');
  });
});
