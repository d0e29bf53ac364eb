#!/usr/bin/env node
// `pnpm bench`: the gateway's overhead against direct calls to a local mock upstream, in one run.
// Flags (after `pnpm bench --`): --soak (100,000-request soak, RSS growth), --profile (--cpu-prof of
// the gateway under load, top self-time functions; --profile=<id,id> picks the scenarios), --only=<id,id> (a subset of scenarios; router-group = the router scenario, lib/measure-router.mjs),
// --no-cluster, --no-floor (skip the minimal-proxy reference rows), --out=<name> (results/<name>.md|json,
// default latest), --compare=<patch,...> (A/B of proposed changes, see experiments/patch-hooks.mjs), --telemetry (metrics on / off /
// tracing on, interleaved; results/telemetry.md), --keys (no keys / unlimited key / limited key on the memory store / on Redis,
// interleaved, plus the key checks in-process and the Redis round trips; results/keys.md). Env: BENCH_SECONDS (per measured run, default 3), BENCH_ROUNDS (default 2),
// BENCH_SOAK=1, BENCH_PROFILE=1, BENCH_SOAK_REQUESTS (default 100000).
// Everything binds 127.0.0.1; every run is bounded in requests and seconds; the whole run has a
// hard deadline. Timings are reported, never asserted.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { evaluateTargets } from './lib/evaluate-targets.mjs';
import { measureKeyChecks } from './lib/measure-key-checks.mjs';
import { measureMetricsHotPath } from './lib/measure-metrics-hot-path.mjs';
import { measureGateways, measureScenario, measureSoak } from './lib/measure.mjs';
import { measureStartups } from './lib/measure-startup.mjs';
import { probe } from './lib/probe.mjs';
import { runLoad } from './lib/run-load.mjs';
import { sampleProcesses, processTree } from './lib/process-stats.mjs';
import { measureRouter, renderRouterMarkdown } from './lib/measure-router.mjs';
import { scenarios } from './lib/scenarios.mjs';
import { startOtlpSink } from './lib/start-otlp-sink.mjs';
import {
  ensurePortkeyInstalled,
  PORTKEY_VERSION,
  portkeyRequest,
  startPortkey,
} from './lib/start-portkey.mjs';
import { gatewayEnvironment, gatewayIsBuilt, startGateway } from './lib/start-gateway.mjs';
import { startBaselineProcess } from './lib/start-baseline-proxy.mjs';
import { startMockProcess } from './lib/start-mock-process.mjs';
import { RESULTS_DIR, renderMarkdown, writeResults } from './lib/write-report.mjs';
import { summariseProfile } from './profile-summary.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const onlyArg = argv.find((a) => a.startsWith('--only='));
const profileArg = argv.find((a) => a.startsWith('--profile='));
const outArg = argv.find((a) => a.startsWith('--out='));
const compareArg = argv.find((a) => a.startsWith('--compare='));
// --baseline=<checkout>: side A of --compare is the gateway built in another checkout (the same
// commit before a change, e.g. `git worktree add /tmp/before main && pnpm build` there), so a
// before/after runs interleaved in one run instead of two runs minutes apart.
const baselineArg = argv.find((a) => a.startsWith('--baseline='));
const baselineEntry = baselineArg
  ? join(baselineArg.slice('--baseline='.length), 'apps/gateway/dist/main.js')
  : undefined;
const telemetryCompare = argv.includes('--telemetry');
const keysCompare = argv.includes('--keys');
const settings = {
  seconds: Number(process.env.BENCH_SECONDS ?? 3),
  rounds: Number(process.env.BENCH_ROUNDS ?? 2),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 1),
  maxRequests: 50_000,
  chunks: 20,
  chunkDelayMs: 10,
  logLevel: process.env.MULTI_AI_PROXY_LOG_LEVEL ?? 'info (default)',
  gatewayNodeArgs: process.env.BENCH_GATEWAY_NODE_ARGS ?? '',
  soak: flag('soak') || process.env.BENCH_SOAK === '1',
  soakRequests: Number(process.env.BENCH_SOAK_REQUESTS ?? 100_000),
  profile: flag('profile') || Boolean(profileArg) || process.env.BENCH_PROFILE === '1',
  profileIds: profileArg
    ? profileArg.slice('--profile='.length).split(',')
    : ['azure-chat-c64', 'gemini-chat-c64'],
  cluster: !flag('no-cluster'),
  clusterPin: flag('cluster-pin'),
  portkey: flag('portkey'),
  floor: !flag('no-floor'),
  only: onlyArg ? onlyArg.slice('--only='.length).split(',') : undefined,
};

// Hard deadline: a hung run must never hold CI or a terminal (the soak gets its own budget).
const deadlineMs = (settings.soak ? 15 : 8) * 60_000 + (settings.profile ? 2 * 60_000 : 0);
setTimeout(() => {
  console.error(`bench: hard deadline of ${deadlineMs / 60_000} min reached, aborting`);
  process.exit(2);
}, deadlineMs).unref();

const log = (message) => console.log(`[bench] ${message}`);
const started = Date.now();

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

// BENCH_GATEWAY_NODE_ARGS: extra Node flags for the gateway (experiments, e.g. --max-semi-space-size=4).
const extraNodeArgs = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);

async function startBenchGateway(
  mockUrl,
  { workers = 1, nodeArgs = [], env = {}, entry, cpus } = {},
) {
  return startGateway({
    env: gatewayEnvironment(mockUrl, { workers, extra: env }),
    // cpus: pinned with taskset (its workers inherit the affinity), for the pinned cluster row.
    ...(cpus === undefined
      ? { nodeArgs: [...extraNodeArgs, ...nodeArgs] }
      : {
          spawnCommand: 'taskset',
          nodeArgs: ['-c', cpus, process.execPath, ...extraNodeArgs, ...nodeArgs],
        }),
    entry,
  });
}

/**
 * --cluster-pin: the cluster row with every process pinned (taskset), so a second worker gets a core
 * of its own instead of competing with the load generator: 1 worker on CPU 0 vs 2 workers on CPUs 0–1,
 * the load generator (this process) and the mock on the other CPUs. On a 2-core machine there are
 * none: they share CPU 1 with the second worker, which the row says.
 */
function clusterPinning(mock) {
  const count = os.cpus().length;
  const rest = count >= 4 ? `2-${count - 1}` : String(count - 1);
  execFileSync('taskset', ['-a', '-pc', rest, String(process.pid)], { stdio: 'ignore' });
  execFileSync('taskset', ['-a', '-pc', rest, String(mock.pid)], { stdio: 'ignore' });
  return { one: '0', two: '0,1', loadGenerator: rest, shared: count < 4 };
}

const PATCH_PRELOAD = new URL('./experiments/register-patches.mjs', import.meta.url).pathname;

/** The two sides of --compare / --baseline: A the baseline checkout (or this build), B this build. */
function compareSides(patches) {
  // BENCH_COMPARE_NODE_ARGS: Node flags for B only (e.g. --max-semi-space-size=4 to trade GC for RSS).
  const bFlags = (process.env.BENCH_COMPARE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return [
    {
      label: baselineArg ? `baseline ${baselineArg.slice('--baseline='.length)}` : 'as built',
      entry: baselineEntry,
      nodeArgs: [],
      env: {},
    },
    {
      label: `B: ${[...patches, ...bFlags].join(' + ') || 'this build'}`,
      entry: undefined,
      nodeArgs: [...bFlags, ...(patches.length ? ['--import', PATCH_PRELOAD] : [])],
      env: { BENCH_PATCHES: patches.join(',') },
    },
  ];
}

/**
 * Start-up of both compare sides, alternated, before any load (lib/measure-startup.mjs): spawn to
 * the first 200 from /healthz and idle RSS, medians of BENCH_STARTUP_ROUNDS (default 7) each.
 */
async function runCompareStartups(mock, patches) {
  const sides = compareSides(patches).map((side) => ({
    label: side.label,
    entry: side.entry,
    nodeArgs: [...extraNodeArgs, ...side.nodeArgs],
    env: gatewayEnvironment(mock.url, { extra: side.env }),
  }));
  const rounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 7);
  log(`compare start-up: ${sides.map((side) => side.label).join(' vs ')}, ${rounds} rounds`);
  return measureStartups(sides, { rounds, log });
}

/**
 * --compare=<patch,...>: the built gateway as is (A) against the same build with the proposed
 * changes applied at load time (B, bench/experiments/patch-hooks.mjs), interleaved, same machine,
 * same minute. The before/after of a proposal, measured before the real source changes.
 */
async function runCompare(mock, patches) {
  const [sideA, sideB] = compareSides(patches);
  const a = await startBenchGateway(mock.url, { entry: sideA.entry, nodeArgs: sideA.nodeArgs });
  const aLabel = sideA.label;
  const b = await startBenchGateway(mock.url, { nodeArgs: sideB.nodeArgs, env: sideB.env });
  const bLabel = sideB.label.slice('B: '.length);
  const out = [];
  try {
    for (const id of settings.only ?? ['azure-chat-c1', 'azure-chat-c64', 'gemini-chat-c64']) {
      const scenario = scenarios.find((s) => s.id === id);
      if (scenario?.kind === 'stream') {
        // Streams: each side against the direct call in its own interleaved measurement, A then B.
        log(`compare ${id} (stream): ${aLabel} vs ${bLabel}`);
        const streams = [];
        for (const [label, gateway] of [
          [aLabel, a],
          [`B: ${bLabel}`, b],
        ])
          streams.push({
            label,
            ...(await measureScenario(scenario, { mock, gateway, ...settings, log })),
          });
        out.push({ id, streams });
        continue;
      }
      if (scenario?.kind !== 'load') continue;
      log(`compare ${id}: ${aLabel} vs ${bLabel}`);
      const runs = await measureGateways(
        scenario,
        [
          { label: aLabel, gateway: a },
          { label: `B: ${bLabel}`, gateway: b },
        ],
        { ...settings, rounds: Math.max(settings.rounds, 3), log },
      );
      out.push({ id, runs });
      for (const g of [a, b])
        if (g.exitInfo())
          throw new Error(
            `a compared gateway exited (${JSON.stringify(g.exitInfo())}):\n${g.logTail(3000)}`,
          );
    }
  } finally {
    await a.stop();
    await b.stop();
  }
  return out;
}

/**
 * --telemetry: the same build with metrics on (the default), metrics off, and metrics plus tracing
 * (OTLP/protobuf to a local sink, every span sampled), interleaved: CPU per request of each mode.
 */
async function runTelemetryCompare(mock) {
  const sink = await startOtlpSink();
  const modes = [
    { label: 'metrics on (default)', env: {} },
    { label: 'metrics off', env: { MULTI_AI_PROXY_METRICS: 'off' } },
    {
      label: 'metrics on + tracing on',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_SERVICE_NAME: 'bench' },
    },
  ];
  const gateways = [];
  const out = [];
  try {
    for (const mode of modes)
      gateways.push({
        label: mode.label,
        gateway: await startBenchGateway(mock.url, { env: mode.env }),
      });
    for (const id of settings.only ?? ['azure-chat-c1', 'azure-chat-c64', 'gemini-chat-c64']) {
      const scenario = scenarios.find((s) => s.id === id);
      if (scenario?.kind !== 'load') continue;
      log(`telemetry ${id}: ${modes.map((mode) => mode.label).join(' vs ')}`);
      out.push({
        id,
        runs: await measureGateways(scenario, gateways, {
          ...settings,
          rounds: Math.max(settings.rounds, 3),
          log,
        }),
      });
      for (const g of gateways)
        if (g.gateway.exitInfo())
          throw new Error(
            `a gateway exited (${JSON.stringify(g.gateway.exitInfo())}):\n${g.gateway.logTail(3000)}`,
          );
    }
    log(`OTLP sink received ${(sink.bytes() / 2 ** 20).toFixed(1)} MB of spans`);
  } finally {
    for (const g of gateways) await g.gateway.stop();
    await sink.stop();
  }
  return out;
}

/**
 * --keys: the same build with no gateway keys, an unlimited key (MULTI_AI_PROXY_API_KEYS), and a key with
 * every limit (rpm, tpm, maxParallel, budget; high enough never to refuse) on the memory store and on
 * Redis (127.0.0.1:6379), interleaved: CPU per request of each mode.
 */
async function runKeysCompare(mock) {
  const dir = mkdtempSync(join(os.tmpdir(), 'map-bench-keys-'));
  const limited = {
    id: 'bench',
    key: 'bench',
    rpm: 100_000_000,
    tpm: 1_000_000_000_000,
    maxParallel: 100_000,
    budget: { usd: 1_000_000, period: 'month' },
  };
  const configFile = (name, state) => {
    const path = join(dir, `${name}.yaml`);
    writeFileSync(
      path,
      JSON.stringify({ keys: [{ ...limited, id: `bench-${name}-${process.pid}` }], state }),
    );
    return path;
  };
  const modes = [
    { label: 'no gateway keys', env: {} },
    { label: 'unlimited key (MULTI_AI_PROXY_API_KEYS)', env: { MULTI_AI_PROXY_API_KEYS: 'bench' } },
    {
      label: 'limited key, memory store',
      env: { MULTI_AI_PROXY_CONFIG: configFile('memory', { store: 'memory' }) },
    },
    {
      label: 'limited key, Redis store',
      env: {
        MULTI_AI_PROXY_CONFIG: configFile('redis', {
          store: 'redis',
          redisUrl: 'redis://127.0.0.1:6379',
        }),
      },
    },
  ];
  const gateways = [];
  const out = [];
  try {
    for (const mode of modes)
      gateways.push({
        label: mode.label,
        gateway: await startBenchGateway(mock.url, { env: mode.env }),
      });
    for (const id of settings.only ?? ['azure-chat-c1', 'azure-chat-c64']) {
      const scenario = scenarios.find((s) => s.id === id);
      if (scenario?.kind !== 'load') continue;
      log(`keys ${id}: ${modes.map((mode) => mode.label).join(' vs ')}`);
      out.push({
        id,
        runs: await measureGateways(scenario, gateways, {
          ...settings,
          rounds: Math.max(settings.rounds, 3),
          log,
        }),
      });
      for (const g of gateways)
        if (g.gateway.exitInfo())
          throw new Error(
            `a gateway exited (${JSON.stringify(g.gateway.exitInfo())}):\n${g.gateway.logTail(3000)}`,
          );
    }
  } finally {
    for (const g of gateways) await g.gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/**
 * --portkey: the gateway against Portkey's open-source gateway (bench/lib/start-portkey.mjs, installed
 * on demand into bench/.peers/), interleaved, same mock upstream, same client bodies: req/s, CPU per
 * request, RSS, and Portkey's start-up time to a listening port.
 */
async function runPortkey(mock, gateway) {
  const entry = ensurePortkeyInstalled(log);
  const spawnedAt = Date.now();
  const portkey = await startPortkey({ entry });
  const startMs = Date.now() - spawnedAt;
  const out = { version: PORTKEY_VERSION, startMs, scenarios: [] };
  try {
    for (const id of settings.only ?? ['azure-chat-c64', 'gemini-chat-c64', 'azure-chat-c1']) {
      const scenario = scenarios.find((s) => s.id === id);
      const request = scenario?.kind === 'load' && portkeyRequest(scenario, mock.url);
      if (!request) continue;
      const p = await probe(portkey.url, request, scenario.check);
      if (!p.ok) {
        out.scenarios.push({ id, status: 'not run', reason: `Portkey: ${p.reason}` });
        continue;
      }
      log(`portkey ${id}: this gateway vs Portkey ${PORTKEY_VERSION}`);
      const runs = await measureGateways(
        scenario,
        [
          { label: 'this gateway', gateway },
          { label: `Portkey ${PORTKEY_VERSION}`, gateway: portkey, request },
        ],
        { ...settings, log },
      );
      out.scenarios.push({
        id,
        status: 'ok',
        runs,
        // No ratio from a side that completed nothing (a machine too busy to measure).
        ratio:
          runs[0].requests > 0 && runs[1].requests > 0
            ? runs[0].requestsPerSecond / runs[1].requestsPerSecond
            : undefined,
      });
    }
  } finally {
    await portkey.stop();
  }
  return out;
}

async function runCluster(mock, scenario, { pin = false } = {}) {
  let one;
  let two;
  try {
    const pinning = pin ? clusterPinning(mock) : undefined;
    one = await startBenchGateway(mock.url, { workers: 1, cpus: pinning?.one });
    two = await startBenchGateway(mock.url, { workers: 2, cpus: pinning?.two });
    // Give the cluster primary time to fork its workers before the probe.
    await new Promise((r) => setTimeout(r, 1000));
    for (const g of [one, two]) {
      const p = await probe(g.url, scenario.gateway, scenario.check);
      if (!p.ok)
        return { status: 'not run', reason: `azure-chat-c64 through the gateway: ${p.reason}` };
    }
    const runs = await measureGateways(
      scenario,
      [
        {
          label: `MULTI_AI_PROXY_WORKERS=1${pinning ? ` (taskset CPU ${pinning.one})` : ''}`,
          gateway: one,
        },
        {
          label: `MULTI_AI_PROXY_WORKERS=2${pinning ? ` (taskset CPUs ${pinning.two})` : ''}`,
          gateway: two,
        },
      ],
      { ...settings, log },
    );
    return {
      status: 'ok',
      runs,
      ratio: runs[1].requestsPerSecond / runs[0].requestsPerSecond,
      pinning: pinning && {
        ...pinning,
        note: `load generator and mock on CPU ${pinning.loadGenerator}${pinning.shared ? ' (shared with the second worker: this machine has no spare core)' : ''}`,
      },
    };
  } catch (error) {
    return { status: 'error', reason: String(error.message ?? error).slice(0, 500) };
  } finally {
    await one?.stop();
    await two?.stop();
    // The rest of the run is not pinned.
    if (pin)
      execFileSync('taskset', ['-a', '-pc', `0-${os.cpus().length - 1}`, String(process.pid)], {
        stdio: 'ignore',
      });
  }
}

async function runProfile(mock, scenario) {
  const dir = join(RESULTS_DIR, 'profiles', scenario.id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const spawnedAt = Date.now();
  const gateway = await startBenchGateway(mock.url, {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  let skipMs = 0;
  try {
    const p = await probe(gateway.url, scenario.gateway, scenario.check);
    if (!p.ok)
      return {
        id: scenario.id,
        status: 'not run',
        markdown: `### ${scenario.id}: not run (${p.reason})`,
      };
    await runLoad({
      url: gateway.url,
      ...scenario.gateway,
      connections: scenario.connections,
      durationSeconds: 2,
      maxRequests: settings.maxRequests,
    });
    // Start-up (module loading) and warm-up (JIT) are not the steady state: leave them out.
    skipMs = Date.now() - spawnedAt;
    await runLoad({
      url: gateway.url,
      ...scenario.gateway,
      connections: scenario.connections,
      durationSeconds: 6,
      maxRequests: settings.maxRequests,
    });
  } finally {
    await gateway.stop();
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0)
    return {
      id: scenario.id,
      status: 'error',
      markdown: `### ${scenario.id}: no .cpuprofile written (did the gateway exit on SIGTERM?)`,
    };
  // With a cluster the busiest process (largest profile) is the worker that served the load.
  const file = files
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const summary = summariseProfile(file, { top: 25, skipMs });
  return {
    id: scenario.id,
    status: 'ok',
    file,
    ...summary,
    markdown: `#### ${scenario.title}\n\n${summary.markdown}`,
  };
}

async function main() {
  const results = {
    startedAt: new Date().toISOString(),
    command: `node bench/run-bench.mjs ${argv.join(' ')}`.trim(),
    commit: gitCommit(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      // Other work on the machine skews timings (not CPU per request much): recorded for the reader.
      loadAverageStart: os.loadavg()[0].toFixed(2),
    },
    settings,
    scenarios: [],
  };

  log('starting the mock upstream');
  const mock = await startMockProcess({
    chunks: settings.chunks,
    chunkDelayMs: settings.chunkDelayMs,
  });
  log(`mock upstream at ${mock.url}`);

  let gateway;
  if (!gatewayIsBuilt()) {
    results.gatewayProblem =
      'not built (apps/gateway/dist/main.js missing): only the direct paths were measured';
  } else {
    try {
      gateway = await startBenchGateway(mock.url);
      log(`gateway at ${gateway.url} (pid ${gateway.pid}), /healthz after ${gateway.startupMs} ms`);
      results.startupMs = gateway.startupMs;
      await new Promise((r) => setTimeout(r, 500));
      results.rss = { idleMb: sampleProcesses(processTree(gateway.pid)).rssBytes / 2 ** 20 };
    } catch (error) {
      results.gatewayProblem = `failed to start: ${String(error.message ?? error).slice(0, 800)}`;
    }
  }
  if (results.gatewayProblem) log(`gateway ${results.gatewayProblem}`);

  if (keysCompare) {
    await gateway?.stop();
    results.compare = {
      patches: ['an unlimited key', 'a limited key (memory, Redis)'],
      scenarios: await runKeysCompare(mock),
    };
    results.keyChecks = await measureKeyChecks({ log });
    results.mockStats = await mock.stats();
    await mock.stop();
    results.durationSeconds = (Date.now() - started) / 1000;
    results.machine.loadAverageEnd = os.loadavg()[0].toFixed(2);
    const files = writeResults(results, {
      basename: outArg ? outArg.slice('--out='.length) : 'keys',
    });
    console.log(`\n${renderMarkdown(results)}`);
    log(`wrote ${files.md} and ${files.json} in ${results.durationSeconds.toFixed(0)} s`);
    return;
  }
  if (compareArg || baselineArg || telemetryCompare) {
    await gateway?.stop();
    const patches = compareArg
      ? compareArg.slice('--compare='.length).split(',').filter(Boolean)
      : [];
    results.compare = telemetryCompare
      ? { patches: ['metrics off', 'tracing on'], scenarios: await runTelemetryCompare(mock) }
      : {
          patches: [...patches, process.env.BENCH_COMPARE_NODE_ARGS ?? ''].filter(Boolean),
          baseline: baselineArg ? `baseline ${baselineArg.slice('--baseline='.length)}` : undefined,
          startup: await runCompareStartups(mock, patches),
          scenarios: await runCompare(mock, patches),
        };
    if (telemetryCompare) results.metricsHotPath = await measureMetricsHotPath({ log });
    results.mockStats = await mock.stats();
    await mock.stop();
    results.durationSeconds = (Date.now() - started) / 1000;
    results.machine.loadAverageEnd = os.loadavg()[0].toFixed(2);
    results.targets = [];
    const files = writeResults(results, {
      basename: outArg ? outArg.slice('--out='.length) : telemetryCompare ? 'telemetry' : 'compare',
    });
    console.log(`\n${renderMarkdown(results)}`);
    log(`wrote ${files.md}`);
    return;
  }

  const selected = scenarios.filter((s) => !settings.only || settings.only.includes(s.id));
  try {
    for (const scenario of selected) {
      log(`${scenario.id}: ${scenario.title}`);
      if (gateway?.exitInfo()) {
        // A crash is a finding, not a reason to lose the rest of the run: record it and start again.
        const crash = {
          beforeScenario: scenario.id,
          exit: gateway.exitInfo(),
          logTail: gateway.logTail(3000),
        };
        results.gatewayCrashes = [...(results.gatewayCrashes ?? []), crash];
        log(
          `gateway exited unexpectedly (${JSON.stringify(crash.exit)}), restarting:\n${crash.logTail}`,
        );
        await gateway.stop();
        gateway = await startBenchGateway(mock.url);
      }
      const result = await measureScenario(scenario, {
        mock,
        gateway,
        gatewayProblem: results.gatewayProblem,
        ...settings,
        log,
      });
      if (result.gatewayStatus) log(`  gateway ${result.gatewayStatus}`);
      results.scenarios.push(result);
    }

    if (settings.floor) {
      // The floor: the same Azure requests through a minimal node:http proxy, so the reader sees how
      // much of the gateway's cost is Node's own HTTP stack on this machine.
      const floor = await startBaselineProcess(mock.url);
      try {
        for (const id of ['azure-chat-c1', 'azure-chat-c64', 'azure-stream-c8']) {
          const base = scenarios.find((s) => s.id === id);
          if (settings.only && !settings.only.includes(id)) continue;
          log(`floor-${id}: minimal node:http proxy`);
          const floorScenario = {
            ...base,
            id: `floor-${id}`,
            title: `Floor: ${base.title} through a minimal node:http proxy`,
            gateway: base.direct,
          };
          results.scenarios.push(
            await measureScenario(floorScenario, { mock, gateway: floor, ...settings, log }),
          );
        }
      } finally {
        await floor.stop();
      }
    }

    if (settings.portkey && gateway) results.portkey = await runPortkey(mock, gateway);

    const azure64 = scenarios.find((s) => s.id === 'azure-chat-c64');
    if (settings.soak && gateway) {
      log(`soak: ${settings.soakRequests} requests, azure-chat-c64`);
      const p = await probe(gateway.url, azure64.gateway, azure64.check);
      results.soak = p.ok
        ? {
            status: 'ok',
            scenario: azure64.id,
            ...(await measureSoak(azure64, {
              gateway,
              totalRequests: settings.soakRequests,
              slices: 10,
              maxSeconds: 420,
              log,
            })),
          }
        : { status: 'not run', reason: p.reason };
    }
    if (gateway) {
      results.rss.afterMb = sampleProcesses(processTree(gateway.pid)).rssBytes / 2 ** 20;
      await gateway.stop();
      gateway = undefined;
    }

    if (settings.cluster && !results.gatewayProblem) {
      log('cluster: MULTI_AI_PROXY_WORKERS=1 vs 2 at 64 connections');
      results.cluster = await runCluster(mock, azure64);
      if (settings.clusterPin) {
        log('cluster, pinned with taskset: 1 worker on CPU 0 vs 2 workers on CPUs 0-1');
        results.clusterPinned = await runCluster(mock, azure64, { pin: true });
      }
    }
    if (!results.gatewayProblem && (!settings.only || settings.only.includes('router-group'))) {
      log('router-group: load balancing and fallbacks over three faulty mock deployments');
      results.router = await measureRouter({ seconds: settings.seconds, log });
    }
    if (settings.profile && !results.gatewayProblem) {
      results.profiles = [];
      for (const id of settings.profileIds) {
        log(`profile: ${id}`);
        results.profiles.push(
          await runProfile(
            mock,
            scenarios.find((s) => s.id === id),
          ),
        );
      }
    }
    results.mockStats = await mock.stats();
  } finally {
    await gateway?.stop();
    await mock.stop();
  }

  results.durationSeconds = (Date.now() - started) / 1000;
  results.machine.loadAverageEnd = os.loadavg()[0].toFixed(2);
  results.targets = evaluateTargets(results);
  const files = writeResults(results, {
    basename: outArg ? outArg.slice('--out='.length) : 'latest',
  });
  console.log(`\n${renderMarkdown(results)}`);
  if (results.router) console.log(`\n${renderRouterMarkdown(results.router)}`);
  log(`wrote ${files.md} and ${files.json} in ${results.durationSeconds.toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
