// Key checks measured in-process on the BUILT gateway modules (apps/gateway/build/keys): CPU per request
// of identify + admit + settle on the memory store, and the Redis round trips (admit and settle Lua,
// sequential, p50/p99) against the Redis on 127.0.0.1:6379. Reported, never asserted.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { GATEWAY_ENTRY } from './start-gateway.mjs';

const keysModule = (name) =>
  import(new URL(`../../apps/gateway/build/keys/${name}.js`, import.meta.url).href);
// ioredis is the gateway's dependency, resolved from there.
const requireFromGateway = createRequire(GATEWAY_ENTRY);

async function loadKeys() {
  const [
    { KeyDirectory, sha256 },
    { KeyAdmission },
    { FailOverKeyStateStore },
    { MemoryKeyStateStore },
    { RedisKeyStateStore },
    { createPriceTable },
  ] = await Promise.all(
    [
      'key-directory',
      'key-admission',
      'fail-over-key-state-store',
      'memory-key-state-store',
      'redis-key-state-store',
      'price-table',
    ].map(keysModule),
  );
  return {
    KeyDirectory,
    sha256,
    KeyAdmission,
    FailOverKeyStateStore,
    MemoryKeyStateStore,
    RedisKeyStateStore,
    createPriceTable,
  };
}

const body = {
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'Hello, how are you?' }],
  max_tokens: 100,
};
const usage = { prompt: 20, completion: 7, cached: 0, reasoning: 0 };

function config(keys, id) {
  return {
    id,
    digest: keys.sha256('bench-key'),
    models: ['gpt-4o*'],
    rpm: 1e9,
    tpm: 1e12,
    maxParallel: 1e6,
    budget: { usd: 1e9, period: 'month' },
  };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** One request's key work: find the key among `keyCount` digests, admit every bucket, settle the usage. */
async function oneRequest(directory, admission) {
  const key = directory.identify({ bearer: 'bench-key' });
  const ticket = await admission.admit({
    key,
    body,
    bodyBytes: 120,
    producesCompletion: true,
    priceModels: ['gpt-4o'],
  });
  ticket.recordUsage(usage);
  await ticket.settle();
}

export async function measureKeyChecks({
  requests = 20_000,
  redisRequests = 2_000,
  keyCount = 20,
  log = () => {},
} = {}) {
  const keys = await loadKeys();
  const out = {};
  const id = `bench-${randomUUID().slice(0, 8)}`;
  const others = Array.from({ length: keyCount - 1 }, (_, index) => ({
    ...config(keys, `other-${index}`),
    digest: keys.sha256(`other-${index}`),
  }));
  const directory = new keys.KeyDirectory([...others, config(keys, id)], []);
  const prices = keys.createPriceTable(new Map());

  const memory = new keys.MemoryKeyStateStore();
  const memoryAdmission = new keys.KeyAdmission(
    new keys.FailOverKeyStateStore(memory, memory, { onError: 'open', report: () => {} }),
    prices,
    { leaseMs: 600_000 },
  );
  for (let index = 0; index < 2_000; index++) await oneRequest(directory, memoryAdmission);
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  for (let index = 0; index < requests; index++) await oneRequest(directory, memoryAdmission);
  const cpu = process.cpuUsage(cpuBefore);
  out.memory = {
    requests,
    keys: keyCount,
    cpuUsPerRequest: (cpu.user + cpu.system) / requests,
    wallUsPerRequest: Number(process.hrtime.bigint() - wallBefore) / 1e3 / requests,
  };
  log(
    `key checks, memory store: ${out.memory.cpuUsPerRequest.toFixed(1)} µs CPU per request (${keyCount} keys)`,
  );

  const { Redis } = requireFromGateway('ioredis');
  const redis = new Redis({
    host: '127.0.0.1',
    port: 6379,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    out.redis = {
      status: 'not run',
      reason: `Redis on 127.0.0.1:6379 unreachable (${error.message})`,
    };
    redis.disconnect();
    return out;
  }
  const prefix = `mpx-bench:${randomUUID().slice(0, 8)}:`;
  const store = new keys.RedisKeyStateStore(redis, prefix);
  const redisAdmission = new keys.KeyAdmission(
    new keys.FailOverKeyStateStore(store, memory, { onError: 'closed', report: () => {} }),
    prices,
    { leaseMs: 600_000 },
  );
  const admitMs = [];
  const settleMs = [];
  const cpuRedisBefore = process.cpuUsage();
  for (let index = 0; index < redisRequests + 200; index++) {
    const key = directory.identify({ bearer: 'bench-key' });
    const started = process.hrtime.bigint();
    const ticket = await redisAdmission.admit({
      key,
      body,
      bodyBytes: 120,
      producesCompletion: true,
      priceModels: ['gpt-4o'],
    });
    const admitted = process.hrtime.bigint();
    ticket.recordUsage(usage);
    await ticket.settle();
    const settled = process.hrtime.bigint();
    if (index < 200) continue;
    admitMs.push(Number(admitted - started) / 1e6);
    settleMs.push(Number(settled - admitted) / 1e6);
  }
  const cpuRedis = process.cpuUsage(cpuRedisBefore);
  admitMs.sort((a, b) => a - b);
  settleMs.sort((a, b) => a - b);
  out.redis = {
    status: 'ok',
    requests: redisRequests,
    admit: { p50Ms: percentile(admitMs, 0.5), p99Ms: percentile(admitMs, 0.99) },
    settle: { p50Ms: percentile(settleMs, 0.5), p99Ms: percentile(settleMs, 0.99) },
    clientCpuUsPerRequest: (cpuRedis.user + cpuRedis.system) / (redisRequests + 200),
  };
  log(
    `key checks, Redis: admit p50 ${out.redis.admit.p50Ms.toFixed(3)} / p99 ${out.redis.admit.p99Ms.toFixed(3)} ms, settle p50 ${out.redis.settle.p50Ms.toFixed(3)} / p99 ${out.redis.settle.p99Ms.toFixed(3)} ms`,
  );
  const leftovers = await redis.keys(`${prefix}*`);
  if (leftovers.length > 0) await redis.del(...leftovers);
  redis.disconnect();
  return out;
}
