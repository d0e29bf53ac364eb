// Two gateway processes on one Redis under a bounded concurrent load against one key: TPM admitted ÷
// allowed stays within 0.9–1.05 (reserve the estimate, refund the difference), RPM admits exactly its
// limit, no lease is left; with the memory store each replica admits its own limit (≈ 2×).
import { randomUUID } from 'node:crypto';
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';
import { startUsageMock } from './start-usage-mock.js';

const TPM = 20_000;
const RPM = 60;
const RUN_MS = 10_000;
const WORKERS_PER_GATEWAY = 40;
const ADMIN = 'sk-admin-replicas';
// ≈ 1 030 tokens reserved per request (the body's bytes / 4 plus max_tokens), never less than an answer's 250–1 000.
const CHAT_BODY = JSON.stringify({
  model: 'gpt-4.1',
  messages: [{ role: 'user', content: 'Summarise the plot of Hamlet in two sentences.' }],
  max_tokens: 1_000,
});

let upstream: MockUpstream;
beforeAll(async () => {
  upstream = await startUsageMock({
    minTokens: 250,
    maxTokens: 1_000,
    minLatencyMs: 300,
    maxLatencyMs: 1_500,
  });
});
afterAll(async () => {
  await upstream?.close();
});

async function startPair(store: 'redis' | 'memory') {
  // Key ids of their own per run, so nothing a previous run left in Redis counts.
  const run = randomUUID().slice(0, 8);
  const ids = { tpm: `tpm-${run}`, rpm: `rpm-${run}` };
  const config = {
    keys: [
      { id: ids.tpm, key: `sk-tpm-${run}`, tpm: TPM, maxParallel: 1_000 },
      { id: ids.rpm, key: `sk-rpm-${run}`, rpm: RPM },
    ],
    admin: { key: ADMIN },
    // closed: a Redis command that times out on a loaded machine is a 503, not a per-process admission,
    // so the run measures the shared buckets alone.
    state: { store, redisUrl: 'redis://127.0.0.1:6379', onError: 'closed' },
  };
  const env = {
    OPENAI_API_ENDPOINT: upstream.url,
    OPENAI_API_KEY: 'server-side',
    AZURE_OPENAI_PROXY_MODE: 'openai',
  };
  const gateways = await Promise.all([
    startGateway({ env, config }),
    startGateway({ env, config }),
  ]);
  return { gateways, ids, keys: { tpm: `sk-tpm-${run}`, rpm: `sk-rpm-${run}` } };
}

async function post(gateway: RunningGateway, key: string, body = CHAT_BODY) {
  const response = await fetch(`${gateway.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  const json = (await response.json()) as { usage?: { total_tokens: number } };
  return {
    status: response.status,
    tokens: json.usage?.total_tokens ?? 0,
    retryAfterMs: Number(response.headers.get('retry-after-ms') ?? 0),
  };
}

/** Workers on both gateways until the run ends; a refused worker waits the advertised time (at most 100 ms: refunds free capacity sooner than the estimate's wait). */
async function loadTokens(gateways: RunningGateway[], key: string) {
  const started = Date.now();
  const deadline = started + RUN_MS;
  let tokens = 0;
  let admitted = 0;
  let refused = 0;
  const worker = async (gateway: RunningGateway) => {
    while (Date.now() < deadline) {
      const answer = await post(gateway, key);
      if (answer.status === 200) {
        admitted += 1;
        tokens += answer.tokens;
      } else {
        expect([429, 503]).toContain(answer.status);
        refused += 1;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(100, Math.max(10, answer.retryAfterMs))),
        );
      }
    }
  };
  await Promise.all(
    gateways.flatMap((gateway) =>
      Array.from({ length: WORKERS_PER_GATEWAY }, () => worker(gateway)),
    ),
  );
  // Admissions happen until the deadline: the limit allows the burst (one minute's worth) plus the rate over the run.
  const allowed = TPM + (TPM * RUN_MS) / 60_000;
  return { ratio: tokens / allowed, tokens, allowed, admitted, refused };
}

async function burstRequests(gateways: RunningGateway[], key: string) {
  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: 3 * RPM }, (_, index) =>
      post(
        gateways[index % 2] as RunningGateway,
        key,
        JSON.stringify({
          model: 'gpt-4.1',
          messages: [{ role: 'user', content: 'Hi' }],
          max_tokens: 5,
        }),
      ),
    ),
  );
  // Admitted = not refused by the key (429) nor by an unreachable key state (503): any other answer
  // passed admission, whatever the upstream then did.
  const statuses: Record<number, number> = {};
  for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  return {
    admitted: answers.filter((answer) => answer.status !== 429 && answer.status !== 503).length,
    elapsedMs: Date.now() - started,
    statuses,
  };
}

async function inFlight(gateway: RunningGateway, id: string): Promise<number> {
  const response = await fetch(`${gateway.url}/admin/keys/${id}`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  return ((await response.json()) as { inFlight: number }).inFlight;
}

describe('two replicas on one Redis', () => {
  it('hold the TPM (0.9–1.05 of what it allows) and the RPM exactly, and leave no lease', async () => {
    const { gateways, ids, keys } = await startPair('redis');
    try {
      const tokens = await loadTokens(gateways, keys.tpm);
      console.info(
        `redis store, 2 replicas: tokens admitted ÷ allowed = ${tokens.ratio.toFixed(3)} (${tokens.tokens} / ${tokens.allowed}; ${tokens.admitted} answered, ${tokens.refused} refused)`,
      );
      expect(tokens.ratio).toBeGreaterThanOrEqual(0.9);
      expect(tokens.ratio).toBeLessThanOrEqual(1.05);
      expect(await inFlight(gateways[0] as RunningGateway, ids.tpm)).toBe(0);
      expect(await inFlight(gateways[1] as RunningGateway, ids.tpm)).toBe(0);

      const requests = await burstRequests(gateways, keys.rpm);
      console.info(
        `redis store, 2 replicas: ${requests.admitted} of ${3 * RPM} requests admitted in ${requests.elapsedMs} ms at rpm ${RPM} (statuses ${JSON.stringify(requests.statuses)})`,
      );
      // One more request fits per second of the run (60 rpm); a burst shorter than that admits exactly the limit.
      expect(requests.admitted).toBeGreaterThanOrEqual(RPM);
      expect(requests.admitted).toBeLessThanOrEqual(RPM + Math.floor(requests.elapsedMs / 1_000));
      if (requests.elapsedMs < 1_000) expect(requests.admitted).toBe(RPM);
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
    }
  }, 60_000);

  it('with the memory store each replica admits its own limit (≈ 2×), which the README states', async () => {
    const { gateways, keys } = await startPair('memory');
    try {
      const tokens = await loadTokens(gateways, keys.tpm);
      console.info(
        `memory store, 2 replicas: tokens admitted ÷ allowed = ${tokens.ratio.toFixed(3)} (${tokens.tokens} / ${tokens.allowed})`,
      );
      expect(tokens.ratio).toBeGreaterThan(1.6);
      expect(tokens.ratio).toBeLessThanOrEqual(2.1);
      const requests = await burstRequests(gateways, keys.rpm);
      console.info(
        `memory store, 2 replicas: ${requests.admitted} of ${3 * RPM} requests admitted at rpm ${RPM}`,
      );
      expect(requests.admitted).toBeGreaterThanOrEqual(2 * RPM);
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
    }
  }, 60_000);
});
