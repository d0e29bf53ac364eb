// /metrics switched off, moved to its own listener, and bounded under 10,000 made-up model names.
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { parsePrometheusText } from '../support/parse-prometheus-text.js';
import { startGateway } from '../support/start-gateway.js';

let azureMock: MockUpstream;
beforeAll(async () => {
  azureMock = await startAzureMock();
});
afterAll(async () => {
  await azureMock?.close();
});

const azureEnv = () => ({
  AZURE_OPENAI_ENDPOINT: azureMock.url,
  AZURE_OPENAI_API_KEY: 'azure-key',
  AZURE_OPENAI_MODEL_MAPPER: 'gpt-4.1=gpt-4.1',
});

describe('metrics switches', () => {
  it('MULTI_AI_PROXY_METRICS=off: /metrics is a 404 and answers still carry the overhead headers', async () => {
    const gateway = await startGateway({ env: { ...azureEnv(), MULTI_AI_PROXY_METRICS: 'off' } });
    try {
      const response = await fetch(`${gateway.url}/metrics`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'unknown_url',
      );
      const chat = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }] }),
      });
      expect(chat.status).toBe(200);
      expect(chat.headers.get('server-timing')).toMatch(
        /^gateway;dur=[\d.]+, upstream;dur=[\d.]+$/,
      );
    } finally {
      await gateway.stop();
    }
  });

  it('MULTI_AI_PROXY_METRICS_ADDRESS: /metrics moves to its own listener, off the main port', async () => {
    const gateway = await startGateway({
      env: { ...azureEnv(), MULTI_AI_PROXY_METRICS_ADDRESS: '127.0.0.1:0' },
    });
    try {
      const line = gateway.logs.find((entry) => entry.msg === 'metrics listening');
      expect(line?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect((await fetch(`${gateway.url}/metrics`)).status).toBe(404);
      const scrape = await fetch(line!.url as string);
      expect(scrape.status).toBe(200);
      expect(
        parsePrometheusText(await scrape.text()).some(
          (sample) => sample.name === 'process_resident_memory_bytes',
        ),
      ).toBe(true);
      expect((await fetch((line!.url as string).replace('/metrics', '/v1/models'))).status).toBe(
        404,
      );
    } finally {
      await gateway.stop();
    }
  });

  it('is protected by the gateway keys on the main port', async () => {
    const gateway = await startGateway({
      env: { ...azureEnv(), MULTI_AI_PROXY_API_KEYS: 'gateway-secret' },
    });
    try {
      expect((await fetch(`${gateway.url}/metrics`)).status).toBe(401);
      expect(
        (
          await fetch(`${gateway.url}/metrics`, {
            headers: { authorization: 'Bearer gateway-secret' },
          })
        ).status,
      ).toBe(200);
    } finally {
      await gateway.stop();
    }
  });

  it('10,000 distinct made-up model names add one `other` series, not 10,000', async () => {
    const gateway = await startGateway({ env: azureEnv() });
    try {
      // The gateway's own series (Node's process metrics grow a little by themselves, e.g. GC kinds).
      const own = (samples: ReturnType<typeof parsePrometheusText>) =>
        samples.filter((sample) => /^(gen_ai_|multi_ai_proxy_)/.test(sample.name));
      const seriesCount = async () =>
        own(parsePrometheusText(await (await fetch(`${gateway.url}/metrics`)).text())).length;
      const send = (model: string) =>
        fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
        }).then((response) => response.arrayBuffer());
      // One warm-up request creates the series the unknown names fall into.
      await send('warm-up-model');
      const before = await seriesCount();
      const total = 10_000;
      let next = 0;
      const worker = async () => {
        while (next < total) await send(`made-up-model-${next++}`);
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      const text = await (await fetch(`${gateway.url}/metrics`)).text();
      const samples = parsePrometheusText(text);
      expect(own(samples).length).toBe(before);
      expect(text).not.toContain('made-up-model');
      const others = samples.filter(
        (sample) =>
          sample.name === 'multi_ai_proxy_requests_total' &&
          sample.labels.gen_ai_request_model === 'other',
      );
      expect(others.map((sample) => sample.value)).toEqual([total + 1]);
      expect(azureMock.requests.length).toBeGreaterThanOrEqual(total);
    } finally {
      await gateway.stop();
    }
  }, 120_000);
});
