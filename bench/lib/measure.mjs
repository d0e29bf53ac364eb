// Measures one scenario: the same load DIRECT to the mock and THROUGH the gateway, interleaved in
// rounds (the order alternates each round so machine drift hits both sides alike), with the
// gateway's CPU time (/proc utime+stime) and RSS sampled around every gateway run.
import { statSync } from 'node:fs';
import { probe } from './probe.mjs';
import { processTree, sampleProcesses, watchPeakRss } from './process-stats.mjs';
import { mergeRuns, runLoad } from './run-load.mjs';
import { runStreams, summariseStreams } from './run-streams.mjs';

const MB = 1024 * 1024;

function logBytes(gateway) {
  try {
    return statSync(gateway.logFile).size;
  } catch {
    return 0;
  }
}

/** Runs `fn` against the gateway and returns its result plus the CPU/RSS/log cost it caused. */
async function withGatewayCost(gateway, fn) {
  const pids = processTree(gateway.pid);
  const before = sampleProcesses(pids);
  const logBefore = logBytes(gateway);
  const watcher = watchPeakRss(gateway.pid);
  const result = await fn();
  const peakRss = watcher.stop();
  const after = sampleProcesses(processTree(gateway.pid));
  return {
    result,
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    rssStart: before.rssBytes,
    rssPeak: Math.max(peakRss, after.rssBytes),
    rssEnd: after.rssBytes,
    logBytes: logBytes(gateway) - logBefore,
    workers: pids.length,
  };
}

async function withProcessCpu(pid, fn) {
  const before = sampleProcesses([pid]);
  const result = await fn();
  return { result, cpuSeconds: sampleProcesses([pid]).cpuSeconds - before.cpuSeconds };
}

function costSummary(costs, requests) {
  const cpu = costs.reduce((n, c) => n + c.cpuSeconds, 0);
  return {
    cpuUsPerRequest: requests > 0 ? (cpu / requests) * 1e6 : Number.NaN,
    cpuSeconds: cpu,
    rssStartMb: costs[0].rssStart / MB,
    rssPeakMb: Math.max(...costs.map((c) => c.rssPeak)) / MB,
    rssEndMb: costs.at(-1).rssEnd / MB,
    logBytesPerRequest:
      requests > 0 ? costs.reduce((n, c) => n + c.logBytes, 0) / requests : Number.NaN,
    processes: costs[0].workers,
  };
}

/**
 * @param {object} scenario from scenarios.mjs
 * @param {{ mock, gateway?, gatewayProblem?: string, seconds: number, rounds: number, warmupSeconds: number, maxRequests: number, log: (s: string) => void }} env
 */
export async function measureScenario(
  scenario,
  { mock, gateway, gatewayProblem, seconds, rounds, warmupSeconds, maxRequests, log },
) {
  const out = {
    id: scenario.id,
    title: scenario.title,
    provider: scenario.provider,
    kind: scenario.kind,
    connections: scenario.connections,
  };

  const direct = await probe(mock.url, scenario.direct);
  if (!direct.ok)
    return { ...out, status: 'error', reason: `direct call to the mock failed: ${direct.reason}` };

  let gatewayReady = false;
  if (!gateway) {
    out.gatewayStatus = `not run (${gatewayProblem ?? 'gateway not built'})`;
  } else {
    const via = await probe(gateway.url, scenario.gateway, scenario.check);
    if (via.ok) gatewayReady = true;
    else
      out.gatewayStatus = via.missing
        ? `not run (provider missing: ${via.reason})`
        : `error (${via.reason})`;
  }

  const runOnce = (target, durationSeconds) => {
    const options = {
      url: target === 'direct' ? mock.url : gateway.url,
      ...scenario[target],
      connections: scenario.connections,
      durationSeconds,
      maxRequests,
    };
    return scenario.kind === 'stream' ? runStreams(options) : runLoad(options);
  };

  // Warm-up (JIT, keep-alive pools on both hops), not recorded.
  await runOnce('direct', warmupSeconds);
  if (gatewayReady) await runOnce('gateway', warmupSeconds);

  const directRuns = [];
  const directCpu = [];
  const gatewayRuns = [];
  const gatewayCosts = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['direct', 'gateway'] : ['gateway', 'direct'];
    for (const target of order) {
      if (target === 'direct') {
        const { result, cpuSeconds } = await withProcessCpu(mock.pid, () =>
          runOnce('direct', seconds),
        );
        directRuns.push(result);
        directCpu.push(cpuSeconds);
      } else if (gatewayReady) {
        const cost = await withGatewayCost(gateway, () => runOnce('gateway', seconds));
        gatewayRuns.push(cost.result);
        gatewayCosts.push(cost);
      }
    }
    log(`  round ${round + 1}/${rounds} done`);
  }

  const summarise = scenario.kind === 'stream' ? summariseStreams : mergeRuns;
  out.direct = summarise(directRuns);
  out.direct.mockCpuUsPerRequest =
    (directCpu.reduce((a, b) => a + b, 0) / out.direct.requests) * 1e6;
  if (!gatewayReady) return { ...out, status: 'partial' };

  out.gateway = {
    ...summarise(gatewayRuns),
    ...costSummary(
      gatewayCosts,
      gatewayRuns.reduce((n, r) => n + (r.requests ?? r.results.length), 0),
    ),
  };
  if (scenario.kind === 'stream') {
    out.addedTtfbP50Ms = out.gateway.ttfbP50Ms - out.direct.ttfbP50Ms;
    out.addedTtfbP99Ms = out.gateway.ttfbP99Ms - out.direct.ttfbP99Ms;
    out.addedFirstChoiceP50Ms = out.gateway.firstChoiceP50Ms - out.direct.firstChoiceP50Ms;
    out.addedFirstChoiceP99Ms = out.gateway.firstChoiceP99Ms - out.direct.firstChoiceP99Ms;
    out.addedTotalP50Ms = out.gateway.totalP50Ms - out.direct.totalP50Ms;
  } else {
    out.addedP50Ms = out.gateway.p50Ms - out.direct.p50Ms;
    out.addedP99Ms = out.gateway.p99Ms - out.direct.p99Ms;
  }
  out.status = 'ok';
  return out;
}

/** Gateway-only runs of one scenario against several gateways (the cluster comparison), interleaved. */
export async function measureGateways(
  scenario,
  gateways,
  { seconds, rounds, warmupSeconds, maxRequests, log },
) {
  // A gateway may take its own form of the request (a peer such as Portkey routes by headers).
  const runOnce = (g, durationSeconds) =>
    runLoad({
      url: g.gateway.url,
      ...(g.request ?? scenario.gateway),
      connections: scenario.connections,
      durationSeconds,
      maxRequests,
    });
  for (const g of gateways) await runOnce(g, warmupSeconds);
  const runs = gateways.map(() => []);
  const costs = gateways.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? gateways.map((_, i) => i) : gateways.map((_, i) => i).reverse();
    for (const i of order) {
      const cost = await withGatewayCost(gateways[i].gateway, () => runOnce(gateways[i], seconds));
      runs[i].push(cost.result);
      costs[i].push(cost);
    }
    log(`  round ${round + 1}/${rounds} done`);
  }
  return gateways.map((g, i) => ({
    label: g.label,
    ...mergeRuns(runs[i]),
    ...costSummary(
      costs[i],
      runs[i].reduce((n, r) => n + r.requests, 0),
    ),
  }));
}

/** A bounded long load in equal slices, RSS read after each slice: does memory grow with requests? */
export async function measureSoak(scenario, { gateway, totalRequests, slices, maxSeconds, log }) {
  const perSlice = Math.ceil(totalRequests / slices);
  const points = [];
  let requests = 0;
  let non2xx = 0;
  let errors = 0;
  const started = Date.now();
  let cpuSeconds = 0;
  for (let i = 0; i < slices; i++) {
    const remaining = maxSeconds - (Date.now() - started) / 1000;
    if (remaining <= 1) break;
    const cost = await withGatewayCost(gateway, () =>
      runLoad({
        url: gateway.url,
        ...scenario.gateway,
        connections: scenario.connections,
        durationSeconds: Math.ceil(remaining),
        maxRequests: perSlice,
      }),
    );
    requests += cost.result.requests;
    non2xx += cost.result.non2xx;
    errors += cost.result.errors + cost.result.timeouts;
    cpuSeconds += cost.cpuSeconds;
    points.push({ requests, rssMb: cost.rssEnd / MB, peakMb: cost.rssPeak / MB });
    log(`  soak ${requests}/${totalRequests} requests, RSS ${(cost.rssEnd / MB).toFixed(1)} MB`);
  }
  return {
    requests,
    non2xx,
    errors,
    seconds: (Date.now() - started) / 1000,
    cpuUsPerRequest: (cpuSeconds / requests) * 1e6,
    points,
  };
}
