// The two opt-in telemetry switches through the real gateway process, an in-process OTLP/HTTP
// receiver on loopback and the official openai client:
// - OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true: prompts, system instructions, tool
//   definitions and answers on the CLIENT spans, in the GenAI conventions' message shape — for a
//   whole Azure answer (passthrough bytes), an Azure stream (passthrough events) and a Gemini stream
//   (translated chunks);
// - OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental: the GenAI metrics under the newest
//   `gen_ai_client_inference_*` names instead of the released ones.
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { startGeminiMock } from '../mocks/start-gemini-mock.js';
import { parsePrometheusText, sampleValue } from '../support/parse-prometheus-text.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';
import {
  attributesOf,
  type OtlpReceiver,
  SPAN_KIND,
  startOtlpReceiver,
} from '../support/start-otlp-receiver.js';

let receiver: OtlpReceiver;
let azureMock: MockUpstream;
let geminiMock: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  [azureMock, geminiMock] = await Promise.all([startAzureMock(), startGeminiMock()]);
  gateway = await startGateway({
    env: {
      AZURE_OPENAI_ENDPOINT: azureMock.url,
      AZURE_OPENAI_API_KEY: 'opt-in-azure-key',
      AZURE_OPENAI_MODEL_MAPPER: 'gpt-4.1=gpt-4.1',
      GOOGLE_AI_STUDIO_API_KEY: 'opt-in-gemini-key',
      GOOGLE_AI_STUDIO_ENDPOINT: geminiMock.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
      OTEL_SEMCONV_STABILITY_OPT_IN: 'gen_ai_latest_experimental',
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([azureMock?.close(), geminiMock?.close(), receiver?.close()]);
});

const openai = () => new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
const TOOLS: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather of a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  },
];

/** The CLIENT span of the request answered with `requestId`, once exported. */
async function clientSpanOf(requestId: string): Promise<Record<string, unknown>> {
  const find = () => {
    const server = receiver.spans.find(
      (span) =>
        span.kind === SPAN_KIND.SERVER &&
        attributesOf(span)['multi_ai_proxy.request.id'] === requestId,
    );
    return (
      server &&
      receiver.spans.find(
        (span) => span.kind === SPAN_KIND.CLIENT && span.traceId === server.traceId,
      )
    );
  };
  await receiver.waitFor(() => find() !== undefined);
  const span = find();
  if (span === undefined) throw new Error(`no CLIENT span for ${requestId}`);
  return attributesOf(span);
}
const parsed = (value: unknown) => JSON.parse(String(value)) as unknown;

const streamText = async (model: string, prompt: string) => {
  const { data: stream, response } = await openai()
    .chat.completions.create({
      model,
      messages: [{ role: 'user', content: prompt }],
      stream: true,
      stream_options: { include_usage: true },
    })
    .withResponse();
  let text = '';
  let usage: OpenAI.CompletionUsage | undefined;
  let finish: string | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
    if (chunk.usage) usage = chunk.usage;
  }
  return { text, usage, finish, requestId: response.headers.get('x-request-id')! };
};

describe('opt-in: message content on spans', () => {
  it('a whole Azure answer: input messages, tool definitions and the answer in the GenAI message shape', async () => {
    const { data, response } = await openai()
      .chat.completions.create({
        model: 'gpt-4.1',
        messages: [
          { role: 'system', content: 'Answer briefly.' },
          { role: 'user', content: 'private-question-one' },
        ],
        tools: TOOLS,
      })
      .withResponse();
    const attributes = await clientSpanOf(response.headers.get('x-request-id')!);
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Answer briefly.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'private-question-one' }] },
    ]);
    expect(parsed(attributes['gen_ai.tool.definitions'])).toEqual(TOOLS);
    // The mock answers a request with tools with a tool call.
    const message = data.choices[0]!.message;
    expect(message.tool_calls?.length).toBeGreaterThan(0);
    expect(parsed(attributes['gen_ai.output.messages'])).toEqual([
      {
        role: 'assistant',
        parts: [
          ...(message.content ? [{ type: 'text', content: message.content }] : []),
          ...(message.tool_calls ?? []).map((call) => ({
            type: 'tool_call',
            id: call.id,
            name: call.type === 'function' ? call.function.name : undefined,
            arguments: call.type === 'function' ? call.function.arguments : undefined,
          })),
        ],
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('streams: the answer assembled from Azure events (passthrough) and from Gemini chunks (translated)', async () => {
    for (const model of ['gpt-4.1', 'google/gemini-2.5-flash']) {
      const answer = await streamText(model, `private-question-${model}`);
      expect(answer.text.length).toBeGreaterThan(0);
      const attributes = await clientSpanOf(answer.requestId);
      expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
        { role: 'user', parts: [{ type: 'text', content: `private-question-${model}` }] },
      ]);
      expect(parsed(attributes['gen_ai.output.messages'])).toEqual([
        {
          role: 'assistant',
          parts: [{ type: 'text', content: answer.text }],
          finish_reason: answer.finish,
        },
      ]);
    }
  });
});

describe('opt-in: the latest GenAI metric names', () => {
  it('gen_ai_client_inference_* replace the released names; the gateway metrics stay', async () => {
    // Gemini's listing makes its models known (upstream-listed models may be labels).
    await openai().models.list();
    const before = parsePrometheusText(await (await fetch(`${gateway.url}/metrics`)).text());
    const gemini = await streamText('google/gemini-2.5-flash', 'count me');
    const labels = {
      gen_ai_operation_name: 'generate_content',
      gen_ai_provider_name: 'gcp.gemini',
      gen_ai_request_model: 'gemini-2.5-flash',
    };
    // The stream's attempt ends when the gateway closes the response, just after the client read it.
    const durationCount = (samples: typeof before) =>
      sampleValue(samples, 'gen_ai_client_inference_duration_seconds_count', {
        ...labels,
        error_type: '',
      });
    let text = '';
    let samples = before;
    for (let tries = 0; tries < 50 && durationCount(samples) === durationCount(before); tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      text = await (await fetch(`${gateway.url}/metrics`)).text();
      samples = parsePrometheusText(text);
    }
    const grew = (name: string, more: Record<string, string> = {}) =>
      sampleValue(samples, name, { ...labels, ...more }) -
      sampleValue(before, name, { ...labels, ...more });
    expect(grew('gen_ai_client_inference_duration_seconds_count', { error_type: '' })).toBe(1);
    expect(grew('gen_ai_client_inference_time_to_first_chunk_seconds_count')).toBe(1);
    expect(grew('gen_ai_client_inference_time_per_output_chunk_seconds_count')).toBe(1);
    expect(grew('gen_ai_client_inference_operation_input_tokens_count')).toBe(1);
    expect(grew('gen_ai_client_inference_operation_input_tokens_sum')).toBe(
      gemini.usage!.prompt_tokens,
    );
    expect(grew('gen_ai_client_inference_usage_input_tokens_total')).toBe(
      gemini.usage!.prompt_tokens,
    );
    expect(grew('gen_ai_client_inference_usage_output_tokens_total')).toBe(
      gemini.usage!.completion_tokens,
    );
    // The released inference names are gone (operation duration stays for embeddings: none sent).
    for (const released of [
      'gen_ai_client_token_usage',
      'gen_ai_client_operation_time_to_first_chunk_seconds',
      'gen_ai_client_operation_time_per_output_chunk_seconds',
    ])
      expect(text).not.toContain(`# TYPE ${released} `);
    expect(
      samples.filter((sample) => sample.name.startsWith('gen_ai_client_operation_duration')),
    ).toEqual([]);
    expect(
      sampleValue(samples, 'multi_ai_proxy_tokens_total', {
        provider_instance: 'google',
        gen_ai_request_model: 'gemini-2.5-flash',
        gen_ai_token_type: 'input',
      }),
    ).toBeGreaterThanOrEqual(gemini.usage!.prompt_tokens);
  });
});
