// Tracing end to end: the gateway exports OTLP/HTTP (JSON) to an in-process receiver on loopback.
// A streamed Gemini call under an incoming traceparent and a failing call: SERVER and CLIENT spans,
// parent/child, GenAI attributes, no message content by default, the trace continued.
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiMock } from '../mocks/start-gemini-mock.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';
import {
  attributesOf,
  type OtlpReceiver,
  SPAN_KIND,
  startOtlpReceiver,
} from '../support/start-otlp-receiver.js';

const { SERVER, CLIENT } = SPAN_KIND;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

let receiver: OtlpReceiver;
let gateway: RunningGateway;
let geminiMock: MockUpstream;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  geminiMock = await startGeminiMock();
  gateway = await startGateway({
    env: {
      GOOGLE_AI_STUDIO_API_KEY: 'gemini-trace-key',
      GOOGLE_AI_STUDIO_ENDPOINT: geminiMock.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'gateway-under-test',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=e2e',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await geminiMock?.close();
  await receiver?.close();
});

const spans = () => receiver.spans;
const resources = () => receiver.resources;
const waitForSpans = (predicate: () => boolean) => receiver.waitFor(predicate);

const post = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('OTLP traces', () => {
  it('a streamed Gemini call: SERVER span continuing the incoming traceparent, a CLIENT child with GenAI attributes, no content', async () => {
    const secretPrompt = 'my-private-prompt-text';
    const response = await post(
      {
        model: 'google/gemini-2.5-flash',
        messages: [{ role: 'user', content: secretPrompt }],
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 64,
      },
      { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` },
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    const usageLine = text
      .split('\n')
      .filter((line) => line.includes('"usage":{'))
      .at(-1)!;
    const usage = (
      JSON.parse(usageLine.slice('data: '.length)) as {
        usage: { prompt_tokens: number; completion_tokens: number };
      }
    ).usage;

    await waitForSpans(() => spans().filter((span) => span.traceId === TRACE_ID).length >= 2);
    const traced = spans().filter((span) => span.traceId === TRACE_ID);
    const server = traced.find((span) => span.kind === SERVER)!;
    const client = traced.find((span) => span.kind === CLIENT)!;
    expect(server.name).toBe('POST /v1/chat/completions');
    expect(server.parentSpanId).toBe(PARENT_ID);
    expect(attributesOf(server)).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/chat/completions',
      'http.response.status_code': 200,
    });
    expect(client.name).toBe('generate_content gemini-2.5-flash');
    expect(client.parentSpanId).toBe(server.spanId);
    const attributes = attributesOf(client);
    expect(attributes).toMatchObject({
      'gen_ai.operation.name': 'generate_content',
      'gen_ai.provider.name': 'gcp.gemini',
      'gen_ai.request.model': 'gemini-2.5-flash',
      'gen_ai.request.stream': true,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.usage.input_tokens': usage.prompt_tokens,
      'gen_ai.usage.output_tokens': usage.completion_tokens,
      'gen_ai.response.finish_reasons': ['stop'],
      'multi_ai_proxy.provider.instance': 'google',
    });
    expect(attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    expect(attributes['error.type']).toBeUndefined();
    expect(resources().at(-1)).toMatchObject({
      'service.name': 'gateway-under-test',
      'deployment.environment.name': 'e2e',
    });
    const exported = JSON.stringify(spans());
    expect(exported).not.toContain(secretPrompt);
    expect(exported).not.toContain('gemini-trace-key');
    expect(exported).not.toContain('gen_ai.input.messages');
  });

  it('a failing call: the CLIENT span carries error.type and an error status; the trace id reaches the access log', async () => {
    geminiMock.prepend({
      path: /:generateContent$/,
      times: 1,
      reply: {
        status: 500,
        body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } },
      },
    });
    const response = await post(
      { model: 'google/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] },
      { 'x-request-id': 'trace-failing-call' },
    );
    expect(response.status).toBe(500);
    await response.text();
    let line: Record<string, unknown> | undefined;
    for (let tries = 0; tries < 50 && line === undefined; tries++) {
      line = gateway.logs.find(
        (entry) => entry.msg === 'request' && entry.requestId === 'trace-failing-call',
      );
      if (line === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const traceId = line?.traceId as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(TRACE_ID);
    await waitForSpans(() => spans().filter((span) => span.traceId === traceId).length >= 2);
    const client = spans().find((span) => span.traceId === traceId && span.kind === CLIENT)!;
    const server = spans().find((span) => span.traceId === traceId && span.kind === SERVER)!;
    expect(server.parentSpanId ?? '').toBe('');
    expect(client.parentSpanId).toBe(server.spanId);
    expect(attributesOf(client)['error.type']).toBe('upstream_error');
    expect(client.status?.code).toBe(2);
    expect(attributesOf(server)).toMatchObject({
      'http.response.status_code': 500,
      'error.type': 'upstream_error',
    });
  });

  it('health probes are not traced', async () => {
    await fetch(`${gateway.url}/healthz`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(spans().some((span) => span.name.includes('/healthz') || span.name === 'GET')).toBe(
      false,
    );
  });
});
