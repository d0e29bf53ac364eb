// The /metrics scrape after a scripted mix through the real gateway process: Azure and Gemini, chat,
// stream, embeddings, an upstream 429 and 500, a client that aborts mid-stream. Counter and histogram
// values are asserted exactly; token figures are compared with the usage the client itself received.
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedChatSseEvents } from '../mocks/openai-format-bodies.js';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { startGeminiMock } from '../mocks/start-gemini-mock.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import {
  type PrometheusSample,
  parsePrometheusText,
  sampleValue,
} from '../support/parse-prometheus-text.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

let gateway: RunningGateway;
let azureMock: MockUpstream;
let geminiMock: MockUpstream;

beforeAll(async () => {
  [azureMock, geminiMock] = await Promise.all([startAzureMock(), startGeminiMock()]);
  gateway = await startGateway({
    env: {
      AZURE_OPENAI_ENDPOINT: azureMock.url,
      AZURE_OPENAI_API_KEY: 'azure-metrics-key',
      // A configured model: its name may be a label; made-up names become `other`.
      AZURE_OPENAI_MODEL_MAPPER: 'gpt-4.1=gpt-4.1',
      GOOGLE_AI_STUDIO_API_KEY: 'gemini-metrics-key',
      GOOGLE_AI_STUDIO_ENDPOINT: geminiMock.url,
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([azureMock?.close(), geminiMock?.close()]);
});

const scrape = async (): Promise<PrometheusSample[]> => {
  const response = await fetch(`${gateway.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parsePrometheusText(await response.text());
};

const chat = (openai: OpenAI, model: string) =>
  openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] });
const streamed = async (openai: OpenAI, model: string) => {
  const stream = await openai.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Hi' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
  return usage;
};

describe('GET /metrics after a scripted mix', () => {
  it('counts requests, attempts, tokens and latencies exactly, with closed-set labels', async () => {
    const openai = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
    // Gemini's listing makes its models known (upstream-listed models may be labels).
    await openai.models.list();

    const azureChat = await chat(openai, 'gpt-4.1');
    const azureStreamUsage = await streamed(openai, 'gpt-4.1');
    const azureEmbedding = await openai.embeddings.create({ model: 'gpt-4.1', input: ['a', 'b'] });
    const geminiChat = await chat(openai, 'google/gemini-2.5-flash');
    const geminiStreamUsage = await streamed(openai, 'google/gemini-2.5-flash');
    // Synthetic 429 (no recorded Azure rate-limit body exists); the recorded Gemini 429 is Google's.
    azureMock.prepend({
      path: /chat\/completions/,
      times: 1,
      reply: {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: { code: '429', message: 'Rate limit is exceeded.' } },
      },
    });
    expect((await expectOpenAIApiError(chat(openai, 'gpt-4.1'))).status).toBe(429);
    geminiMock.prepend({
      path: /:generateContent$/,
      times: 1,
      reply: {
        status: 500,
        body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } },
      },
    });
    expect((await expectOpenAIApiError(chat(openai, 'google/gemini-2.5-flash'))).status).toBe(500);
    expect(
      geminiMock.requests.filter((request) => request.path.endsWith(':generateContent')).length,
    ).toBe(2);

    // A client that leaves mid-stream: the upstream holds the rest back until the test is done.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    azureMock.prepend({
      path: /chat\/completions/,
      times: 1,
      reply: { sse: recordedChatSseEvents, pause: { afterEvents: 2, until: held } },
    });
    const controller = new AbortController();
    const aborted = await openai.chat.completions.create(
      { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }], stream: true },
      { signal: controller.signal },
    );
    for await (const _chunk of aborted) {
      controller.abort();
      break;
    }
    const abortedLabels = {
      inbound_api: 'chat',
      provider_instance: 'azure',
      gen_ai_request_model: 'gpt-4.1',
      stream: 'true',
      status_class: 'aborted',
    };
    let samples = await scrape();
    for (
      let tries = 0;
      tries < 50 && sampleValue(samples, 'multi_ai_proxy_requests_total', abortedLabels) === 0;
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      samples = await scrape();
    }
    release();

    const requests = (labels: Record<string, string>) =>
      sampleValue(samples, 'multi_ai_proxy_requests_total', labels);
    const azure = { provider_instance: 'azure', gen_ai_request_model: 'gpt-4.1' };
    const google = { provider_instance: 'google', gen_ai_request_model: 'gemini-2.5-flash' };
    expect(requests({ inbound_api: 'chat', ...azure, stream: 'false', status_class: '2xx' })).toBe(
      1,
    );
    expect(requests({ inbound_api: 'chat', ...azure, stream: 'true', status_class: '2xx' })).toBe(
      1,
    );
    expect(requests({ inbound_api: 'chat', ...azure, stream: 'false', status_class: '4xx' })).toBe(
      1,
    );
    expect(requests(abortedLabels)).toBe(1);
    expect(
      requests({ inbound_api: 'embeddings', ...azure, stream: 'false', status_class: '2xx' }),
    ).toBe(1);
    expect(requests({ inbound_api: 'chat', ...google, stream: 'false', status_class: '2xx' })).toBe(
      1,
    );
    expect(requests({ inbound_api: 'chat', ...google, stream: 'true', status_class: '2xx' })).toBe(
      1,
    );
    expect(requests({ inbound_api: 'chat', ...google, stream: 'false', status_class: '5xx' })).toBe(
      1,
    );
    expect(
      samples
        .filter((sample) => sample.name === 'multi_ai_proxy_requests_total')
        .reduce((total, sample) => total + sample.value, 0),
    ).toBe(8);
    expect(sampleValue(samples, 'multi_ai_proxy_requests_in_flight', { inbound_api: 'chat' })).toBe(
      0,
    );

    // Attempts by outcome, and the GenAI operation duration by error type.
    expect(
      sampleValue(samples, 'multi_ai_proxy_upstream_attempts_total', { ...azure, outcome: 'ok' }),
    ).toBe(3);
    expect(
      sampleValue(samples, 'multi_ai_proxy_upstream_attempts_total', {
        ...azure,
        outcome: 'rate_limited',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'multi_ai_proxy_upstream_attempts_total', {
        ...azure,
        outcome: 'client_closed',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'multi_ai_proxy_upstream_attempts_total', { ...google, outcome: 'ok' }),
    ).toBe(2);
    expect(
      sampleValue(samples, 'multi_ai_proxy_upstream_attempts_total', {
        ...google,
        outcome: 'upstream_error',
      }),
    ).toBe(1);
    const azureChatOp = {
      gen_ai_operation_name: 'chat',
      gen_ai_provider_name: 'azure.ai.openai',
      ...azure,
    };
    const geminiOp = {
      gen_ai_operation_name: 'generate_content',
      gen_ai_provider_name: 'gcp.gemini',
      ...google,
    };
    const durationCount = (labels: Record<string, string>, errorType: string) =>
      sampleValue(samples, 'gen_ai_client_operation_duration_seconds_count', {
        ...labels,
        error_type: errorType,
      });
    expect(durationCount(azureChatOp, '')).toBe(2);
    expect(durationCount(azureChatOp, 'rate_limited')).toBe(1);
    expect(durationCount(azureChatOp, 'client_closed')).toBe(1);
    expect(durationCount({ ...azureChatOp, gen_ai_operation_name: 'embeddings' }, '')).toBe(1);
    expect(durationCount(geminiOp, '')).toBe(2);
    expect(durationCount(geminiOp, 'upstream_error')).toBe(1);
    // Every duration histogram has its +Inf bucket equal to its count.
    const inf = sampleValue(samples, 'gen_ai_client_operation_duration_seconds_bucket', {
      ...geminiOp,
      error_type: '',
      le: '+Inf',
    });
    expect(inf).toBe(2);

    // Tokens: exactly what the client was told, per provider and type.
    const tokenSum = (labels: Record<string, string>, type: string) =>
      sampleValue(samples, 'gen_ai_client_token_usage_sum', { ...labels, gen_ai_token_type: type });
    const tokenCount = (labels: Record<string, string>, type: string) =>
      sampleValue(samples, 'gen_ai_client_token_usage_count', {
        ...labels,
        gen_ai_token_type: type,
      });
    expect(
      azureChat.usage && azureStreamUsage && geminiChat.usage && geminiStreamUsage,
    ).toBeTruthy();
    expect(tokenSum(azureChatOp, 'input')).toBe(
      azureChat.usage!.prompt_tokens + azureStreamUsage!.prompt_tokens,
    );
    expect(tokenSum(azureChatOp, 'output')).toBe(
      azureChat.usage!.completion_tokens + azureStreamUsage!.completion_tokens,
    );
    expect(tokenCount(azureChatOp, 'input')).toBe(2);
    expect(tokenSum({ ...azureChatOp, gen_ai_operation_name: 'embeddings' }, 'input')).toBe(
      azureEmbedding.usage.prompt_tokens,
    );
    expect(tokenSum(geminiOp, 'input')).toBe(
      geminiChat.usage!.prompt_tokens + geminiStreamUsage!.prompt_tokens,
    );
    expect(tokenSum(geminiOp, 'output')).toBe(
      geminiChat.usage!.completion_tokens + geminiStreamUsage!.completion_tokens,
    );
    const reasoning =
      (azureChat.usage!.completion_tokens_details?.reasoning_tokens ?? 0) +
      (azureStreamUsage!.completion_tokens_details?.reasoning_tokens ?? 0);
    expect(
      sampleValue(samples, 'multi_ai_proxy_tokens_total', {
        ...azure,
        gen_ai_token_type: 'reasoning',
      }),
    ).toBe(reasoning);

    // Streams: one time-to-first-chunk per successful stream; the aborted one is not a latency sample.
    expect(
      sampleValue(
        samples,
        'gen_ai_client_operation_time_to_first_chunk_seconds_count',
        azureChatOp,
      ),
    ).toBe(1);
    expect(
      sampleValue(samples, 'gen_ai_client_operation_time_to_first_chunk_seconds_count', geminiOp),
    ).toBe(1);
    expect(
      sampleValue(samples, 'gen_ai_client_operation_time_per_output_chunk_seconds_count', geminiOp),
    ).toBe(1);
    expect(
      sampleValue(samples, 'multi_ai_proxy_overhead_seconds_count', {
        inbound_api: 'chat',
        stream: 'false',
      }),
    ).toBe(4);
    expect(
      sampleValue(samples, 'multi_ai_proxy_overhead_seconds_count', {
        inbound_api: 'chat',
        stream: 'true',
      }),
    ).toBe(3);
    // Node's process metrics come with it.
    expect(samples.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);

    // No label carries a key, a request id or free text.
    for (const sample of samples) {
      for (const value of Object.values(sample.labels))
        expect(value).not.toMatch(/metrics-key|client-key|Bearer|chatcmpl|Rate limit/);
    }
  });

  it('puts overhead headers on JSON answers, streams and errors of every inbound API', async () => {
    const post = (body: object, path = '/v1/chat/completions') =>
      fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const messages = [{ role: 'user', content: 'Hi' }];
    for (const response of [
      await post({ model: 'gpt-4.1', messages }),
      await post({ model: 'google/gemini-2.5-flash', messages, stream: true }),
      await post({ model: 'gpt-4.1', messages, stream: true }),
      await post({ model: 'gpt-4.1', input: ['a'] }, '/v1/embeddings'),
      await post({ model: 'google/gemini-2.5-flash', input: 'Hi' }, '/v1/responses'),
      await post({ model: 'google/gemini-2.5-flash', input: 'Hi', stream: true }, '/v1/responses'),
      await post({ model: 'google/gemini-2.5-flash', max_tokens: 64, messages }, '/v1/messages'),
      await post(
        { model: 'google/gemini-2.5-flash', max_tokens: 64, messages, stream: true },
        '/v1/messages',
      ),
    ]) {
      expect(response.status, response.url).toBe(200);
      expect(Number(response.headers.get('x-multi-ai-proxy-overhead-ms'))).toBeGreaterThanOrEqual(
        0,
      );
      expect(response.headers.get('server-timing')).toMatch(
        /^gateway;dur=\d+\.\d\d, upstream;dur=\d+\.\d\d$/,
      );
      await response.text();
    }
    const invalid = await post({ messages });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('server-timing')).toMatch(/^gateway;dur=\d+\.\d\d$/);
    expect(Number(invalid.headers.get('x-multi-ai-proxy-overhead-ms'))).toBeGreaterThanOrEqual(0);
  });

  it('counts the tokens of a Gemini stream whose client did not ask for the usage chunk', async () => {
    const geminiOp = {
      gen_ai_operation_name: 'generate_content',
      gen_ai_provider_name: 'gcp.gemini',
      provider_instance: 'google',
      gen_ai_request_model: 'gemini-2.5-flash',
    };
    const tokens = (samples: PrometheusSample[], type: string) => ({
      count:
        sampleValue(samples, 'gen_ai_client_token_usage_count', {
          ...geminiOp,
          gen_ai_token_type: type,
        }) ?? 0,
      sum:
        sampleValue(samples, 'gen_ai_client_token_usage_sum', {
          ...geminiOp,
          gen_ai_token_type: type,
        }) ?? 0,
    });
    const before = await scrape();
    const openai = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
    const stream = await openai.chat.completions.create({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    let sawUsage = false;
    for await (const chunk of stream) sawUsage ||= chunk.usage != null;
    expect(sawUsage).toBe(false);
    const after = await scrape();
    for (const type of ['input', 'output']) {
      expect(tokens(after, type).count - tokens(before, type).count).toBe(1);
      expect(tokens(after, type).sum - tokens(before, type).sum).toBeGreaterThan(0);
    }
  });

  it('logs tokens, time to first byte, attempts and target on the access line, never a key', async () => {
    const openai = new OpenAI({
      baseURL: gateway.baseURL,
      apiKey: 'client-key',
      maxRetries: 0,
      defaultHeaders: { 'x-request-id': 'access-log-tokens' },
    });
    const completion = await chat(openai, 'gpt-4.1');
    let line: Record<string, unknown> | undefined;
    for (let tries = 0; tries < 50 && line === undefined; tries++) {
      line = gateway.logs.find(
        (entry) => entry.msg === 'request' && entry.requestId === 'access-log-tokens',
      );
      if (line === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(line).toMatchObject({
      status: 200,
      attempts: 1,
      target: 'azure/gpt-4.1',
      tokens: {
        prompt: completion.usage!.prompt_tokens,
        completion: completion.usage!.completion_tokens,
      },
    });
    expect(line!.ttfbMs).toBeGreaterThan(0);
    expect(line!.overheadMs).toBeGreaterThanOrEqual(0);
    expect(line!.traceId).toBeUndefined();
    expect(JSON.stringify(gateway.logs)).not.toMatch(
      /azure-metrics-key|gemini-metrics-key|client-key/,
    );
  });
});
