// A model group's failing-then-retried requests, seen through traces and /metrics of the real gateway
// process: two mock Azure deployments, the first answering 503 or 429 once, an in-process OTLP/HTTP
// receiver on loopback. Each upstream attempt is its own CLIENT span under the one SERVER span (the
// failed one with error.type, an error status and the router's reason; the next one saying why it
// was made), and the attempt, fallback and retry counters count them by outcome and reason.
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { parsePrometheusText, sampleValue } from '../support/parse-prometheus-text.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';
import {
  attributesOf,
  type OtlpReceiver,
  type OtlpSpan,
  SPAN_KIND,
  STATUS_ERROR,
  startOtlpReceiver,
} from '../support/start-otlp-receiver.js';

const chatPath = (model: string) => new RegExp(`^/openai/deployments/${model}/chat/completions`);
const unavailable = {
  status: 503,
  body: {
    error: {
      code: 'ServiceUnavailable',
      message: 'The service is temporarily unable to process your request.',
    },
  },
};
// Synthetic: Azure's rate-limit error shape (no recorded Azure 429 body exists).
const rateLimited = {
  status: 429,
  headers: { 'retry-after': '30' },
  body: { error: { code: '429', message: 'Requests have exceeded call rate limit.' } },
};

let receiver: OtlpReceiver;
let eu: MockUpstream;
let us: MockUpstream;
let gateway: RunningGateway;

const group = (name: string) => ({
  deployments: [{ target: `azure-eu/${name}` }, { target: `azure-us/${name}` }],
  strategy: 'ordered',
  router: { retries: 3, backoffMs: [5, 20] },
});

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  [eu, us] = await Promise.all([startAzureMock(), startAzureMock()]);
  const azure = (name: string, url: string) => ({
    name,
    package: '@multi-ai-proxy/provider-azure',
    options: { endpoint: url },
  });
  gateway = await startGateway({
    env: {
      AZURE_OPENAI_API_KEY: 'routed-trace-key',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    },
    config: {
      providers: [azure('azure-eu', eu.url), azure('azure-us', us.url)],
      models: {
        'failing-first': group('failing-first'),
        'throttled-first': group('throttled-first'),
        'failing-twice': group('failing-twice'),
      },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([eu?.close(), us?.close(), receiver?.close()]);
});

const client = () => new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
const ask = (model: string) =>
  client()
    .chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();

/** The trace of the request the gateway answered with `requestId` (its SERVER span carries the id). */
async function traceOf(
  requestId: string,
  clientSpans: number,
): Promise<{ server: OtlpSpan; attempts: OtlpSpan[] }> {
  const serverOf = () =>
    receiver.spans.find(
      (span) =>
        span.kind === SPAN_KIND.SERVER &&
        attributesOf(span)['multi_ai_proxy.request.id'] === requestId,
    );
  const clientsOf = (server: OtlpSpan) =>
    receiver.spans.filter(
      (span) => span.traceId === server.traceId && span.kind === SPAN_KIND.CLIENT,
    );
  await receiver.waitFor(() => {
    const server = serverOf();
    return server !== undefined && clientsOf(server).length >= clientSpans;
  });
  const server = serverOf();
  if (server === undefined) throw new Error(`no SERVER span for ${requestId}`);
  const attempts = clientsOf(server).sort(
    (a, b) =>
      Number(attributesOf(a)['multi_ai_proxy.attempt.number']) -
      Number(attributesOf(b)['multi_ai_proxy.attempt.number']),
  );
  return { server, attempts };
}

const scrape = async () => {
  const response = await fetch(`${gateway.url}/metrics`);
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
};

describe('a model group: one CLIENT span per upstream attempt, counted by reason', () => {
  it('a 503 from the first deployment, then the second answers: two sibling attempts, the failed one marked, one fallback counted', async () => {
    eu.prepend({ path: chatPath('failing-first'), times: 1, reply: unavailable });
    const answer = await ask('failing-first');
    expect(answer.response.status).toBe(200);
    expect(answer.data.choices[0]?.message.content).toContain('Hello');
    expect(answer.response.headers.get('x-multi-ai-proxy-attempts')).toBe('2');
    const requestId = answer.response.headers.get('x-request-id')!;

    const { server, attempts } = await traceOf(requestId, 2);
    expect(attempts).toHaveLength(2);
    const [failed, served] = attempts as [OtlpSpan, OtlpSpan];
    expect(server.name).toBe('POST /v1/chat/completions');
    expect(attributesOf(server)).toMatchObject({
      'http.response.status_code': 200,
      'multi_ai_proxy.attempts': 2,
    });
    expect(attributesOf(server)['error.type']).toBeUndefined();
    expect(server.status?.code ?? 0).not.toBe(STATUS_ERROR);
    // Siblings under the one SERVER span, not nested in each other.
    expect(failed.parentSpanId).toBe(server.spanId);
    expect(served.parentSpanId).toBe(server.spanId);
    expect(failed.spanId).not.toBe(served.spanId);

    expect(failed.name).toBe('chat failing-first');
    expect(attributesOf(failed)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'azure.ai.openai',
      'gen_ai.request.model': 'failing-first',
      'multi_ai_proxy.provider.instance': 'azure-eu',
      'multi_ai_proxy.attempt.number': 1,
      'error.type': 'unavailable',
      'multi_ai_proxy.attempt.failure_reason': 'server_error',
    });
    expect(attributesOf(failed)['multi_ai_proxy.attempt.kind']).toBeUndefined();
    expect(failed.status?.code).toBe(STATUS_ERROR);

    expect(served.name).toBe('chat failing-first');
    const servedAttributes = attributesOf(served);
    expect(servedAttributes).toMatchObject({
      'gen_ai.provider.name': 'azure.ai.openai',
      'multi_ai_proxy.provider.instance': 'azure-us',
      'multi_ai_proxy.attempt.number': 2,
      'multi_ai_proxy.attempt.kind': 'fallback',
      'multi_ai_proxy.attempt.reason': 'server_error',
      'gen_ai.usage.input_tokens': answer.data.usage?.prompt_tokens,
      'gen_ai.usage.output_tokens': answer.data.usage?.completion_tokens,
      'gen_ai.response.id': answer.data.id,
    });
    expect(servedAttributes['error.type']).toBeUndefined();
    expect(servedAttributes['multi_ai_proxy.attempt.failure_reason']).toBeUndefined();
    expect(served.status?.code ?? 0).not.toBe(STATUS_ERROR);

    const samples = await scrape();
    const attemptsOf = (instance: string, outcome: string) =>
      sampleValue(samples, 'multi_ai_proxy_upstream_attempts_total', {
        provider_instance: instance,
        gen_ai_request_model: 'failing-first',
        outcome,
      });
    expect(attemptsOf('azure-eu', 'unavailable')).toBe(1);
    expect(attemptsOf('azure-eu', 'ok')).toBe(0);
    expect(attemptsOf('azure-us', 'ok')).toBe(1);
    expect(
      sampleValue(samples, 'multi_ai_proxy_fallbacks_total', {
        provider_instance: 'azure-eu',
        reason: 'server_error',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'gen_ai_client_operation_duration_seconds_count', {
        provider_instance: 'azure-eu',
        gen_ai_request_model: 'failing-first',
        error_type: 'unavailable',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'multi_ai_proxy_requests_total', {
        inbound_api: 'chat',
        provider_instance: 'azure-us',
        gen_ai_request_model: 'failing-first',
        status_class: '2xx',
      }),
    ).toBe(1);
  });

  it('a 429 from the first deployment: the fallback reason is rate_limited', async () => {
    eu.prepend({ path: chatPath('throttled-first'), times: 1, reply: rateLimited });
    const answer = await ask('throttled-first');
    expect(answer.response.status).toBe(200);
    const { attempts } = await traceOf(answer.response.headers.get('x-request-id')!, 2);
    expect(attempts.map((span) => attributesOf(span)['error.type'])).toEqual([
      'rate_limited',
      undefined,
    ]);
    expect(attributesOf(attempts[0]!)['multi_ai_proxy.attempt.failure_reason']).toBe(
      'rate_limited',
    );
    expect(attributesOf(attempts[1]!)).toMatchObject({
      'multi_ai_proxy.attempt.kind': 'fallback',
      'multi_ai_proxy.attempt.reason': 'rate_limited',
      'multi_ai_proxy.provider.instance': 'azure-us',
    });
    const samples = await scrape();
    expect(
      sampleValue(samples, 'multi_ai_proxy_fallbacks_total', {
        provider_instance: 'azure-eu',
        reason: 'rate_limited',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'multi_ai_proxy_upstream_attempts_total', {
        provider_instance: 'azure-eu',
        gen_ai_request_model: 'throttled-first',
        outcome: 'rate_limited',
      }),
    ).toBe(1);
    // The 429's Retry-After (30 s) cools the first deployment; the scrape reads the router's state.
    const cooldown = (instance: string) =>
      sampleValue(samples, 'multi_ai_proxy_deployment_cooldown', {
        provider_instance: instance,
        gen_ai_request_model: 'throttled-first',
      });
    expect(cooldown('azure-eu')).toBe(1);
    expect(cooldown('azure-us')).toBe(0);
  });

  it('both deployments fail once, then one is tried again: three attempts, the third a retry', async () => {
    eu.prepend({ path: chatPath('failing-twice'), times: 1, reply: unavailable });
    us.prepend({ path: chatPath('failing-twice'), times: 1, reply: unavailable });
    const answer = await ask('failing-twice');
    expect(answer.response.status).toBe(200);
    expect(answer.response.headers.get('x-multi-ai-proxy-attempts')).toBe('3');
    const { server, attempts } = await traceOf(answer.response.headers.get('x-request-id')!, 3);
    expect(attempts.map((span) => span.parentSpanId)).toEqual([
      server.spanId,
      server.spanId,
      server.spanId,
    ]);
    // The router picks whichever deployment reopens first for the retry: either is right.
    const retried = String(attributesOf(attempts[2]!)['multi_ai_proxy.provider.instance']);
    expect(['azure-eu', 'azure-us']).toContain(retried);
    expect(answer.response.headers.get('x-multi-ai-proxy-target')).toBe(`${retried}/failing-twice`);
    expect(
      attempts.map((span) => {
        const attributes = attributesOf(span);
        return [
          attributes['multi_ai_proxy.provider.instance'],
          attributes['error.type'],
          attributes['multi_ai_proxy.attempt.kind'],
          attributes['multi_ai_proxy.attempt.reason'],
        ];
      }),
    ).toEqual([
      ['azure-eu', 'unavailable', undefined, undefined],
      ['azure-us', 'unavailable', 'fallback', 'server_error'],
      [retried, undefined, 'retry', 'server_error'],
    ]);
    const samples = await scrape();
    // The retry is counted against the deployment tried again; the fallback against the one left.
    expect(
      sampleValue(samples, 'multi_ai_proxy_retries_total', {
        provider_instance: retried,
        reason: 'server_error',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'multi_ai_proxy_retries_total', {
        provider_instance: retried === 'azure-eu' ? 'azure-us' : 'azure-eu',
      }),
    ).toBe(0);
    expect(
      sampleValue(samples, 'multi_ai_proxy_fallbacks_total', {
        provider_instance: 'azure-eu',
        reason: 'server_error',
      }),
    ).toBe(2);
    expect(
      sampleValue(samples, 'multi_ai_proxy_upstream_attempts_total', {
        provider_instance: retried,
        gen_ai_request_model: 'failing-twice',
        outcome: 'ok',
      }),
    ).toBe(1);
  });
});
