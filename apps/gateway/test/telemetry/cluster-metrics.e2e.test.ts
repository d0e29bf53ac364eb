// /metrics of a worker group (MULTI_AI_PROXY_WORKERS=2): requests spread over both workers, each on
// its own connection, and every scrape — whichever worker it lands on — counts all of them.
import { request } from 'node:http';
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzureMock } from '../mocks/start-azure-mock.js';
import { parsePrometheusText, sampleValue } from '../support/parse-prometheus-text.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const REQUESTS = 16;
const SCRAPES = 6;

let azure: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  azure = await startAzureMock();
  gateway = await startGateway({
    env: {
      MULTI_AI_PROXY_WORKERS: '2',
      AZURE_OPENAI_ENDPOINT: azure.url,
      AZURE_OPENAI_API_KEY: 'cluster-metrics-key',
      AZURE_OPENAI_MODEL_MAPPER: 'gpt-4.1=gpt-4.1',
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await azure?.close();
});

/** One request on a connection of its own (no keep-alive), so the primary deals them to both workers. */
function send(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string; requestId: string }> {
  const url = new URL(path, gateway.url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        agent: false,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        timeout: 10_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (piece: string) => {
          text += piece;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text,
            requestId: String(response.headers['x-request-id']),
          }),
        );
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out`)));
    outgoing.on('error', reject);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const pidOf = (requestId: string) =>
  gateway.logs.find((entry) => entry.msg === 'request' && entry.requestId === requestId)?.pid;

describe('cluster mode: one scrape shows every worker', () => {
  it(`${REQUESTS} chat requests spread over 2 workers are all counted in each of ${SCRAPES} scrapes`, async () => {
    // startGateway returns at the first worker's line; wait for the second.
    await expect
      .poll(() => gateway.logs.filter((entry) => entry.msg === 'gateway listening').length, {
        timeout: 15_000,
      })
      .toBe(2);
    const answers: Array<{ status: number; text: string; requestId: string }> = [];
    for (let index = 0; index < REQUESTS; index++)
      answers.push(
        await send('POST', '/v1/chat/completions', {
          model: 'gpt-4.1',
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      );
    expect(answers.map((answer) => answer.status)).toEqual(Array(REQUESTS).fill(200));
    await expect
      .poll(() => answers.every((answer) => pidOf(answer.requestId) !== undefined))
      .toBe(true);
    const servedBy = new Set(answers.map((answer) => pidOf(answer.requestId)));
    expect(servedBy.size).toBe(2);

    const scrapedBy = new Set<unknown>();
    for (let index = 0; index < SCRAPES; index++) {
      const scrape = await send('GET', '/metrics');
      expect(scrape.status).toBe(200);
      const samples = parsePrometheusText(scrape.text);
      expect(
        sampleValue(samples, 'multi_ai_proxy_requests_total', {
          inbound_api: 'chat',
          provider_instance: 'azure',
          gen_ai_request_model: 'gpt-4.1',
          stream: 'false',
          status_class: '2xx',
        }),
      ).toBe(REQUESTS);
      expect(
        sampleValue(samples, 'multi_ai_proxy_upstream_attempts_total', {
          provider_instance: 'azure',
          gen_ai_request_model: 'gpt-4.1',
          outcome: 'ok',
        }),
      ).toBe(REQUESTS);
      expect(
        sampleValue(samples, 'gen_ai_client_operation_duration_seconds_count', {
          gen_ai_request_model: 'gpt-4.1',
          error_type: '',
        }),
      ).toBe(REQUESTS);
      // Nothing in flight between requests, whichever worker is asked.
      expect(
        sampleValue(samples, 'multi_ai_proxy_requests_in_flight', { inbound_api: 'chat' }),
      ).toBe(0);
      // Each metric appears once: the workers' series are merged, not listed side by side.
      const names = scrape.text.split('\n').filter((line) => line.startsWith('# TYPE '));
      expect(new Set(names).size).toBe(names.length);
      await expect.poll(() => pidOf(scrape.requestId)).toBeDefined();
      scrapedBy.add(pidOf(scrape.requestId));
    }
    // The scrapes themselves landed on both workers, and each answered for the whole group.
    expect(scrapedBy.size).toBe(2);
  });
});
