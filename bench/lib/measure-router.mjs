// The router scenario of `pnpm bench`: a group of three OpenAI-compatible mock deployments, one
// answering 429 (Retry-After 1 s) to 30 % of its requests and one 503 to 10 %, through the built
// gateway. Reports the success rate, upstream attempts per request, the gateway CPU per request of
// a healthy group against a single-deployment route, and the Redis round trip of the router's
// state scripts. Timings are reported, never asserted.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, runLoad } from './run-load.mjs';
import { processTree, sampleProcesses } from './process-stats.mjs';
import { startGateway } from './start-gateway.mjs';
import { buildUpstreamBodies } from './upstream-bodies.mjs';

// Per instance: [share answering 429, share answering 503]. x, y, z are the healthy group / route.
const FAULTS = { a: [0.3, 0], b: [0, 0.1], c: [0, 0], x: [0, 0], y: [0, 0], z: [0, 0] };
const CHAT_BODY = JSON.stringify({ messages: [{ role: 'user', content: 'Hello, how are you?' }] });

async function startFaultyFleet() {
  const bodies = buildUpstreamBodies({ chunks: 1 });
  const counts = Object.create(null);
  let random = 42;
  // A seeded generator: the same fault sequence on every run.
  const next = () => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random / 2147483648;
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const match = /^\/d\/([a-z])\/v1\/(chat\/completions|models)/.exec(req.url ?? '');
      if (match === null) return res.writeHead(404).end();
      if (match[2] === 'models')
        return res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"object":"list","data":[]}');
      const instance = match[1];
      counts[instance] = (counts[instance] ?? 0) + 1;
      const [rateLimited, failing] = FAULTS[instance] ?? [0, 0];
      const roll = next();
      // SYNTHETIC error bodies (the OpenAI error shape); the success body is the recorded Azure chat answer.
      if (roll < rateLimited)
        return res
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' })
          .end(
            '{"error":{"message":"rate limited","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}',
          );
      if (roll < rateLimited + failing)
        return res
          .writeHead(503, { 'content-type': 'application/json' })
          .end('{"error":{"message":"unavailable","type":"api_error","param":null,"code":null}}');
      res
        .writeHead(200, {
          'content-type': 'application/json',
          'content-length': bodies.azureChat.length,
        })
        .end(bodies.azureChat);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function routerConfig(fleetUrl, state) {
  return {
    providers: Object.keys(FAULTS).map((name) => ({
      name,
      package: '@multi-ai-proxy/provider-openai',
      options: { endpoint: `${fleetUrl}/d/${name}`, apiKey: 'bench' },
    })),
    routes: { single: 'x/bench' },
    models: {
      faulty: {
        deployments: [{ target: 'a/bench' }, { target: 'b/bench' }, { target: 'c/bench' }],
      },
      healthy: {
        deployments: [{ target: 'x/bench' }, { target: 'y/bench' }, { target: 'z/bench' }],
      },
    },
    ...(state ? { state } : {}),
  };
}

async function startRouterGateway(fleetUrl, state) {
  const path = join(tmpdir(), `map-bench-router-${process.pid}-${Date.now()}.json`);
  writeFileSync(path, JSON.stringify(routerConfig(fleetUrl, state)));
  return startGateway({
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      AZURE_OPENAI_PROXY_ADDRESS: '127.0.0.1:0',
      MULTI_AI_PROXY_WORKERS: '1',
      MULTI_AI_PROXY_CONFIG: path,
    },
  });
}

async function load(gateway, model, seconds, connections = 32) {
  const pids = processTree(gateway.pid);
  const before = sampleProcesses(pids).cpuSeconds;
  const run = await runLoad({
    url: gateway.url,
    path: '/v1/chat/completions',
    headers: { authorization: 'Bearer bench' },
    body: CHAT_BODY.replace('{', `{"model":"${model}",`),
    connections,
    durationSeconds: seconds,
    maxRequests: 50_000,
  });
  const cpuSeconds = sampleProcesses(pids).cpuSeconds - before;
  return { ...run, cpuMicrosPerRequest: (cpuSeconds * 1e6) / Math.max(1, run.requests) };
}

async function redisRoundTrips(log) {
  let RedisDeploymentStateStore;
  let RedisErrorPolicy;
  let createRedisConnection;
  let waitForRedis;
  try {
    ({ RedisDeploymentStateStore } = await import(
      '../../apps/gateway/build/state/redis-deployment-state-store.js'
    ));
    ({ RedisErrorPolicy } = await import('../../apps/gateway/build/state/redis-error-policy.js'));
    ({ createRedisConnection, waitForRedis } = await import(
      '../../apps/gateway/build/state/create-redis-connection.js'
    ));
  } catch (error) {
    return { status: 'not run', reason: `gateway not built (${error.message})` };
  }
  const url = process.env.MULTI_AI_PROXY_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = createRedisConnection({ url });
  try {
    if (!(await waitForRedis(redis, 1000)))
      return { status: 'not run', reason: `no Redis answers at ${url}` };
    const prefix = `mpx-bench:${process.pid}:`;
    // closed: a Redis failure fails the measurement instead of timing the memory fallback.
    const store = new RedisDeploymentStateStore({
      redis,
      errors: new RedisErrorPolicy('closed', () => {}),
      prefix,
    });
    const policy = {
      failureRatio: 0.5,
      minRequests: 5,
      windowSeconds: 60,
      baseMs: 5000,
      maxMs: 300_000,
    };
    const ids = ['dep-0/bench', 'dep-1/bench', 'dep-2/bench'];
    const samples = { cooling: [], admit: [], outcome: [] };
    for (let n = 0; n < 2000; n++) {
      const id = ids[n % 3];
      let t = process.hrtime.bigint();
      await store.cooling(ids);
      samples.cooling.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      await store.admit(id);
      samples.admit.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      await (n % 10 === 0 ? store.failed(id, policy, true) : store.succeeded(id));
      samples.outcome.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    const summary = {};
    for (const [name, values] of Object.entries(samples)) {
      const sorted = Float64Array.from(values).sort();
      summary[name] = { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
    }
    log(`router: Redis round trips ${JSON.stringify(summary)}`);
    return { status: 'ok', operations: summary };
  } catch (error) {
    return { status: 'not run', reason: `Redis failed during the measurement (${error.message})` };
  } finally {
    redis.disconnect();
  }
}

/**
 * The router's own CPU per request in this process (process.cpuUsage, the built modules): a healthy
 * group of three deployments through ModelRouter.run, whose attempt answers a raw JSON body as
 * provider-openai does, minus the same attempt called directly; interleaved blocks, the median.
 * Less sensitive to a loaded machine than the gateway's CPU end to end, where the difference
 * drowns in the noise of ~1 ms per request.
 */
async function routerInProcess(log, dist = '../../apps/gateway/build') {
  let ModelRouter;
  let DeploymentHealth;
  try {
    ({ ModelRouter } = await import(`${dist}/router/model-router.js`));
    ({ DeploymentHealth } = await import(`${dist}/router/deployment-health.js`));
  } catch (error) {
    return { status: 'not run', reason: `gateway not built (${error.message})` };
  }
  const answer = Buffer.from(
    '{"id":"b","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}',
  );
  const attempt = async () => ({
    kind: 'raw',
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: Readable.from([answer]),
  });
  const drain = (body) =>
    new Promise((resolve) => {
      body.on('data', () => {});
      body.once('end', resolve);
      body.resume();
    });
  const group = {
    name: 'g',
    deployments: ['x', 'y', 'z'].map((name) => ({ target: `${name}/bench`, weight: 1 })),
    fallbacks: [],
    strategy: 'balanced',
    router: {
      retries: 2,
      backoffMs: [250, 8000],
      maxRetryAfterMs: 20_000,
      firstByteTimeoutMs: 60_000,
      deadlineMs: 120_000,
      cooldown: {
        failureRatio: 0.5,
        minRequests: 5,
        windowSeconds: 60,
        baseMs: 5000,
        maxMs: 300_000,
      },
    },
  };
  const router = new ModelRouter(new Map([['g', group]]), new Map(), new DeploymentHealth());
  const routed = router.groupOf('g');
  const signal = new AbortController().signal;
  const request = { body: {}, bodyBytes: 100, producesCompletion: true };
  const runs = {
    direct: async () => drain((await attempt()).body),
    router: async () => drain((await router.run(routed, { signal, attempt, request })).result.body),
  };
  const BLOCK = 2000;
  const block = async (run) => {
    const start = process.cpuUsage();
    for (let i = 0; i < BLOCK; i++) await run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / BLOCK;
  };
  for (const run of Object.values(runs)) for (let i = 0; i < 3; i++) await block(run); // warm-up
  const samples = { direct: [], router: [] };
  for (let round = 0; round < 15; round++)
    for (const [name, run] of Object.entries(runs)) samples[name].push(await block(run));
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const result = {
    status: 'ok',
    directMicrosPerRequest: median(samples.direct),
    routerMicrosPerRequest: median(samples.router),
  };
  result.addedMicrosPerRequest = result.routerMicrosPerRequest - result.directMicrosPerRequest;
  log(`router: in-process CPU added per request ${result.addedMicrosPerRequest.toFixed(1)} µs`);
  return result;
}

export async function measureRouter({ seconds, log }) {
  const fleet = await startFaultyFleet();
  const results = { seconds };
  let gateway;
  try {
    gateway = await startRouterGateway(fleet.url);
    await load(gateway, 'single', 1); // warm-up
    await load(gateway, 'healthy', 1);
    log('router: faulty group (a: 429 for 30 %, b: 503 for 10 %, c healthy)');
    const before = { ...fleet.counts };
    const faulty = await load(gateway, 'faulty', seconds);
    const upstream = ['a', 'b', 'c'].reduce(
      (sum, name) => sum + (fleet.counts[name] ?? 0) - (before[name] ?? 0),
      0,
    );
    results.faulty = {
      requests: faulty.requests,
      successRate: (faulty.statusCounts[200] ?? 0) / Math.max(1, faulty.requests),
      statusCounts: faulty.statusCounts,
      attemptsPerRequest: upstream / Math.max(1, faulty.requests),
      perDeployment: Object.fromEntries(
        ['a', 'b', 'c'].map((name) => [name, (fleet.counts[name] ?? 0) - (before[name] ?? 0)]),
      ),
    };
    log(
      `router: success ${(results.faulty.successRate * 100).toFixed(2)} %, ${results.faulty.attemptsPerRequest.toFixed(3)} attempts/request`,
    );
    // Interleaved, so both see the same machine load.
    const single = [];
    const healthy = [];
    for (let round = 0; round < 2; round++) {
      single.push(await load(gateway, 'single', seconds));
      healthy.push(await load(gateway, 'healthy', seconds));
    }
    const mean = (runs) =>
      runs.reduce((sum, run) => sum + run.cpuMicrosPerRequest, 0) / runs.length;
    results.cpu = {
      singleMicrosPerRequest: mean(single),
      groupMicrosPerRequest: mean(healthy),
      addedMicrosPerRequest: mean(healthy) - mean(single),
    };
    log(
      `router: CPU/request single ${results.cpu.singleMicrosPerRequest.toFixed(0)} µs, healthy group ${results.cpu.groupMicrosPerRequest.toFixed(0)} µs`,
    );
  } finally {
    await gateway?.stop();
    await fleet.close();
  }
  results.inProcess = await routerInProcess(log);
  results.redis = await redisRoundTrips(log);
  return results;
}

export function renderRouterMarkdown(results) {
  const f = results.faulty;
  const lines = [
    '## Router: a group of three deployments (429 for 30 %, 503 for 10 %, one healthy)',
    '',
    '| Figure | Value | Target |',
    '|---|---|---|',
    `| success rate through the gateway | ${(f.successRate * 100).toFixed(2)} % (${f.requests} requests, statuses ${JSON.stringify(f.statusCounts)}) | 100 % |`,
    `| upstream attempts per request | ${f.attemptsPerRequest.toFixed(3)} (a ${f.perDeployment.a}, b ${f.perDeployment.b}, c ${f.perDeployment.c}) | — |`,
    `| gateway CPU per request: single route / healthy group / added | ${results.cpu.singleMicrosPerRequest.toFixed(0)} / ${results.cpu.groupMicrosPerRequest.toFixed(0)} / ${results.cpu.addedMicrosPerRequest.toFixed(0)} µs | added ≤ +50 µs |`,
  ];
  const inProcess = results.inProcess;
  lines.push(
    inProcess?.status === 'ok'
      ? `| router CPU per request in-process: direct attempt / through the router / added | ${inProcess.directMicrosPerRequest.toFixed(1)} / ${inProcess.routerMicrosPerRequest.toFixed(1)} / ${inProcess.addedMicrosPerRequest.toFixed(1)} µs | added ≤ +50 µs |`
      : `| router CPU in-process | not run: ${inProcess?.reason ?? 'unknown'} | |`,
  );
  if (results.redis.status === 'ok') {
    for (const [name, value] of Object.entries(results.redis.operations))
      lines.push(
        `| Redis ${name} round trip p50 / p99 | ${value.p50Ms.toFixed(3)} / ${value.p99Ms.toFixed(3)} ms | sub-ms |`,
      );
  } else lines.push(`| Redis round trips | not run: ${results.redis.reason} | |`);
  return lines.join('\n');
}
