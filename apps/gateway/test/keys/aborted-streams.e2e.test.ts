// 10,000 streams aborted by their clients mid-way leave no lease behind: a key with maxParallel 25
// still admits 25 parallel requests afterwards, and the admin route shows 0 in flight.
import http from 'node:http';
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordedChatUsageChunks } from '../mocks/openai-format-bodies.js';
import { startOpenAICompatibleMock } from '../mocks/start-openai-compatible-mock.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const STREAMS = 10_000;
const CONCURRENCY = 20;
// A slot is freed when the gateway sees the connection close, a moment after the client dropped it:
// the margin keeps the next stream from racing that moment; the check afterwards uses every slot.
const MAX_PARALLEL = CONCURRENCY + 5;
const KEY = 'sk-abort-soak';
const ADMIN = 'sk-admin-soak';
const BODY = JSON.stringify({
  model: 'gpt-4.1',
  messages: [{ role: 'user', content: 'Hi' }],
  stream: true,
  max_tokens: 50,
});

let gateway: RunningGateway;
let upstream: MockUpstream;

beforeAll(async () => {
  upstream = await startOpenAICompatibleMock();
  // Every stream sends its first chunks and then stays open: only the client's abort ends it.
  upstream.prepend({
    path: /^\/v1\/chat\/completions/,
    reply: { sse: recordedChatUsageChunks.slice(0, 2), holdOpen: true },
  });
  gateway = await startGateway({
    env: {
      OPENAI_API_ENDPOINT: upstream.url,
      OPENAI_API_KEY: 'server-side',
      AZURE_OPENAI_PROXY_MODE: 'openai',
      MULTI_AI_PROXY_LOG_LEVEL: 'info',
    },
    config: {
      keys: [{ id: 'soak', key: KEY, maxParallel: MAX_PARALLEL, tpm: 1_000_000_000 }],
      admin: { key: ADMIN },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});

const agent = new http.Agent({ keepAlive: false, maxSockets: CONCURRENCY });

/** Opens one stream, waits for its first bytes, then drops the connection (a client that gave up). */
function openAndAbort(through = agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${gateway.baseURL}/chat/completions`,
      {
        method: 'POST',
        agent: through,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      },
      (response) => {
        response.once('data', () => {
          request.destroy();
          resolve(response.statusCode ?? 0);
        });
        response.once('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    request.end(BODY);
  });
}

async function inFlight(): Promise<number> {
  const response = await fetch(`${gateway.url}/admin/keys/soak`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  return ((await response.json()) as { inFlight: number }).inFlight;
}

it(`frees every lease after ${STREAMS} aborted streams`, async () => {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < STREAMS) {
      next += 1;
      const status = await openAndAbort();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // Each worker waits for its stream to start before aborting and opening the next: at most 20 are
  // open, so every one was admitted, none refused for want of a slot (a leak would start refusing).
  expect(Object.fromEntries(statuses)).toEqual({ 200: STREAMS });
  for (let attempt = 0; attempt < 100 && (await inFlight()) > 0; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await inFlight()).toBe(0);
  // Every slot is free again: as many parallel streams as the limit are all admitted.
  const wide = new http.Agent({ keepAlive: false, maxSockets: MAX_PARALLEL });
  const again = await Promise.all(Array.from({ length: MAX_PARALLEL }, () => openAndAbort(wide)));
  expect(again).toEqual(Array(MAX_PARALLEL).fill(200));
}, 180_000);
