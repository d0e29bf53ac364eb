#!/usr/bin/env node
// `pnpm bench:smoke`: the CI version of the benchmark. A few hundred requests per scenario through
// the built gateway against the local mock upstream. Exit code 1 only when a request fails (non-2xx,
// socket error, timeout, a stream cut short, a body of the wrong shape) — NEVER on timings.
// Then clients hang up mid-request (JSON and SSE): the gateway must survive and keep answering.
// A scenario whose provider is not implemented yet (the gateway answers 400/404/501 on the probe)
// is skipped with a notice, unless --require-all (or BENCH_SMOKE_REQUIRE_ALL=1) is given.
import { disconnectStorm } from './lib/disconnect-storm.mjs';
import { probe, sendOnce } from './lib/probe.mjs';
import { runLoad } from './lib/run-load.mjs';
import { runStreams } from './lib/run-streams.mjs';
import { scenarios } from './lib/scenarios.mjs';
import { gatewayEnvironment, gatewayIsBuilt, startGateway } from './lib/start-gateway.mjs';
import { startMockProcess } from './lib/start-mock-process.mjs';

const REQUESTS_PER_SCENARIO = 300;
const STREAMS_PER_SCENARIO = 24;
const CHUNKS = 20;
const requireAll =
  process.argv.includes('--require-all') || process.env.BENCH_SMOKE_REQUIRE_ALL === '1';

setTimeout(() => {
  console.error('bench:smoke: hard deadline of 3 min reached, aborting');
  process.exit(1);
}, 180_000).unref();

const rows = [];
let failed = false;
const record = (id, status, detail) => {
  rows.push({ id, status, detail });
  if (status === 'FAIL') failed = true;
  console.log(`[smoke] ${status.padEnd(4)} ${id}: ${detail}`);
};

async function smokeScenario(scenario, gateway) {
  const check = await probe(gateway.url, scenario.gateway, scenario.check);
  if (!check.ok) {
    if (check.missing && !requireAll)
      return record(scenario.id, 'SKIP', `provider missing: ${check.reason}`);
    return record(scenario.id, 'FAIL', check.reason);
  }
  const connections = Math.min(scenario.connections, 16);
  if (scenario.kind === 'stream') {
    const { results } = await runStreams({
      url: gateway.url,
      ...scenario.gateway,
      connections,
      durationSeconds: 20,
      maxRequests: STREAMS_PER_SCENARIO,
    });
    const bad = results.filter(
      (r) => r.error || r.status < 200 || r.status > 299 || r.events < CHUNKS,
    );
    const detail = `${results.length} streams, ${bad.length} failed or shorter than ${CHUNKS} events (events seen: ${[...new Set(results.map((r) => r.events))].join(',')})`;
    return record(scenario.id, bad.length === 0 && results.length > 0 ? 'PASS' : 'FAIL', detail);
  }
  const run = await runLoad({
    url: gateway.url,
    ...scenario.gateway,
    connections,
    durationSeconds: 20,
    maxRequests: REQUESTS_PER_SCENARIO,
  });
  const errors = run.non2xx + run.errors + run.timeouts;
  const detail = `${run.requests} requests, ${run.non2xx} non-2xx, ${run.errors} socket errors, ${run.timeouts} timeouts (statuses ${JSON.stringify(run.statusCounts)})`;
  return record(scenario.id, errors === 0 && run.requests > 0 ? 'PASS' : 'FAIL', detail);
}

/** Clients hanging up at every point of a request: the gateway must survive and still answer. */
async function smokeDisconnects(scenario, gateway) {
  const check = await probe(gateway.url, scenario.gateway, scenario.check);
  if (!check.ok)
    return record(`${scenario.id}-disconnects`, 'SKIP', `provider missing: ${check.reason}`);
  await disconnectStorm(gateway.url, scenario.gateway, {
    count: 100,
    spreadMs: scenario.kind === 'stream' ? 60 : 10,
  });
  await new Promise((r) => setTimeout(r, 300));
  const health = await sendOnce(gateway.url, { path: '/healthz' });
  const after = await probe(gateway.url, scenario.gateway, scenario.check);
  const alive = !gateway.exitInfo() && health.status === 200 && after.ok;
  const detail = alive
    ? '100 clients hung up mid-request; gateway still answers'
    : `gateway ${gateway.exitInfo() ? `exited ${JSON.stringify(gateway.exitInfo())}: ${gateway.logTail(1500)}` : `answers /healthz ${health.status}, probe ${after.ok ? 'ok' : after.reason}`}`;
  return record(`${scenario.id}-disconnects`, alive ? 'PASS' : 'FAIL', detail);
}

async function smokeCluster(mock) {
  const scenario = scenarios.find((s) => s.id === 'azure-chat-c64');
  let gateway;
  try {
    gateway = await startGateway({ env: gatewayEnvironment(mock.url, { workers: 2 }) });
    await new Promise((r) => setTimeout(r, 500));
    await smokeScenario({ ...scenario, id: 'cluster-workers-2' }, gateway);
  } catch (error) {
    record('cluster-workers-2', 'FAIL', String(error.message ?? error).slice(0, 500));
  } finally {
    await gateway?.stop();
  }
}

async function main() {
  if (!gatewayIsBuilt()) {
    console.error(
      '[smoke] apps/gateway/dist/main.js is missing: build the gateway first (pnpm bench:smoke does).',
    );
    process.exit(1);
  }
  const mock = await startMockProcess({ chunks: CHUNKS, chunkDelayMs: 2 });
  let gateway;
  try {
    gateway = await startGateway({ env: gatewayEnvironment(mock.url, { workers: 1 }) });
    for (const scenario of scenarios) await smokeScenario(scenario, gateway);
    for (const id of ['azure-chat-c64', 'gemini-chat-c64', 'azure-stream-c8', 'gemini-stream-c8']) {
      await smokeDisconnects(
        scenarios.find((s) => s.id === id),
        gateway,
      );
    }
    await gateway.stop();
    gateway = undefined;
    await smokeCluster(mock);
  } catch (error) {
    record('gateway', 'FAIL', String(error.message ?? error).slice(0, 1500));
  } finally {
    await gateway?.stop();
    await mock.stop();
  }
  const counts = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  console.log(`[smoke] ${JSON.stringify(counts)} → ${failed ? 'FAILED' : 'ok'}`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
