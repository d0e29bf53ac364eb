// Renders a run's results as Markdown (bench/results/latest.md) and JSON (latest.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

const f = (v, digits = 2) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));
/** Table cells must stay on one line and must not split columns. */
const cell = (text) => String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|');
const int = (v) =>
  v === undefined || Number.isNaN(v) ? '—' : Math.round(v).toLocaleString('en-US');

function loadTable(scenarios) {
  const rows = [
    '| scenario | conns | direct req/s | gateway req/s | direct p50 / p99 ms | gateway p50 / p99 ms | added p50 / p99 ms | gateway CPU µs/req | mock CPU µs/req | gateway RSS start / peak / end MB | log B/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of scenarios.filter((x) => x.kind === 'load')) {
    if (s.status === 'error') {
      rows.push(`| ${s.id} | ${s.connections} | error: ${cell(s.reason)} |||||||||`);
      continue;
    }
    const d = s.direct;
    const g = s.gateway;
    const cells = g
      ? [
          int(g.requestsPerSecond),
          `${f(g.p50Ms, 3)} / ${f(g.p99Ms, 3)}`,
          `${f(s.addedP50Ms, 3)} / ${f(s.addedP99Ms, 3)}`,
          int(g.cpuUsPerRequest),
        ]
      : [cell(s.gatewayStatus), '—', '—', '—'];
    const rss = g ? `${f(g.rssStartMb, 1)} / ${f(g.rssPeakMb, 1)} / ${f(g.rssEndMb, 1)}` : '—';
    rows.push(
      `| ${s.id} | ${s.connections} | ${int(d.requestsPerSecond)} | ${cells[0]} | ${f(d.p50Ms, 3)} / ${f(d.p99Ms, 3)} | ${cells.slice(1).join(' | ')} | ${int(d.mockCpuUsPerRequest)} | ${rss} | ${g ? int(g.logBytesPerRequest) : '—'} |`,
    );
  }
  return rows.join('\n');
}

function streamTable(scenarios) {
  const rows = [
    '| scenario | conns | streams (direct / gateway) | direct TTFB p50 / p99 ms | gateway TTFB p50 / p99 ms | added TTFB p50 / p99 ms | added time to first answer event p50 / p99 ms | direct total p50 ms | gateway total p50 ms | SSE events per stream (direct / gateway) | first→last event p50 ms (direct / gateway) | gateway CPU µs/stream | gateway RSS start / peak / end MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of scenarios.filter((x) => x.kind === 'stream')) {
    if (s.status === 'error') {
      rows.push(`| ${s.id} | ${s.connections} | error: ${cell(s.reason)} |||||||||||`);
      continue;
    }
    const d = s.direct;
    const g = s.gateway;
    const events = (x) =>
      x.eventsMin === x.eventsMax ? `${x.eventsMin}` : `${x.eventsMin}–${x.eventsMax}`;
    if (!g) {
      rows.push(
        `| ${s.id} | ${s.connections} | ${d.requests} / — | ${f(d.ttfbP50Ms, 3)} / ${f(d.ttfbP99Ms, 3)} | ${cell(s.gatewayStatus)} | — | — | ${f(d.totalP50Ms, 1)} | — | ${events(d)} / — | ${f(d.spreadP50Ms, 1)} / — | — | — |`,
      );
      continue;
    }
    rows.push(
      `| ${s.id} | ${s.connections} | ${d.requests} / ${g.requests} | ${f(d.ttfbP50Ms, 3)} / ${f(d.ttfbP99Ms, 3)} | ${f(g.ttfbP50Ms, 3)} / ${f(g.ttfbP99Ms, 3)} | ${f(s.addedTtfbP50Ms, 3)} / ${f(s.addedTtfbP99Ms, 3)} | ${f(s.addedFirstChoiceP50Ms, 3)} / ${f(s.addedFirstChoiceP99Ms, 3)} | ${f(d.totalP50Ms, 1)} | ${f(g.totalP50Ms, 1)} | ${events(d)} / ${events(g)} | ${f(d.spreadP50Ms, 1)} / ${f(g.spreadP50Ms, 1)} | ${int(g.cpuUsPerRequest)} | ${f(g.rssStartMb, 1)} / ${f(g.rssPeakMb, 1)} / ${f(g.rssEndMb, 1)} |`,
    );
  }
  return rows.join('\n');
}

function portkeySection(portkey) {
  const rows = [
    `Portkey ${portkey.version} (\`--portkey\`), started in ${int(portkey.startMs)} ms to a listening port.`,
    '',
    '| scenario | gateway | req/s | p50 / p99 ms | CPU µs/req | RSS peak MB |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const s of portkey.scenarios) {
    if (s.status !== 'ok') {
      rows.push(`| ${s.id} | ${s.reason} | — | — | — | — |`);
      continue;
    }
    for (const r of s.runs)
      rows.push(
        `| ${s.id} | ${r.label} | ${int(r.requestsPerSecond)} | ${f(r.p50Ms, 3)} / ${f(r.p99Ms, 3)} | ${int(r.cpuUsPerRequest)} | ${f(r.rssPeakMb, 1)} |`,
      );
    rows.push(`| ${s.id} | **req/s ratio gateway / Portkey** | **${f(s.ratio, 2)}×** | | | |`);
  }
  return rows.join('\n');
}

function clusterSection(cluster) {
  if (!cluster) return '_Not run._';
  if (cluster.status !== 'ok') return `_${cluster.status}: ${cluster.reason}_`;
  const rows = [
    '| gateway | processes | req/s | p50 / p99 ms | CPU µs/req (all processes) | RSS peak MB (all processes) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of cluster.runs) {
    rows.push(
      `| ${r.label} | ${r.processes} | ${int(r.requestsPerSecond)} | ${f(r.p50Ms, 3)} / ${f(r.p99Ms, 3)} | ${int(r.cpuUsPerRequest)} | ${f(r.rssPeakMb, 1)} |`,
    );
  }
  rows.push('', `Throughput ratio (2 workers / 1 worker): **${f(cluster.ratio, 2)}×**`);
  if (cluster.pinning) rows.push('', `Pinned with taskset: ${cluster.pinning.note}.`);
  return rows.join('\n');
}

function soakSection(soak) {
  if (!soak) return '_Not run (use `pnpm bench -- --soak` or `BENCH_SOAK=1`)._';
  if (soak.status && soak.status !== 'ok') return `_${soak.status}: ${soak.reason}_`;
  const rows = [
    `${soak.requests.toLocaleString('en-US')} requests (${soak.scenario}) in ${f(soak.seconds, 1)} s, non-2xx ${soak.non2xx}, errors ${soak.errors}, gateway CPU ${int(soak.cpuUsPerRequest)} µs/req.`,
    '',
    '| requests so far | RSS after slice MB | peak during slice MB |',
    '|---:|---:|---:|',
  ];
  for (const p of soak.points)
    rows.push(`| ${p.requests.toLocaleString('en-US')} | ${f(p.rssMb, 1)} | ${f(p.peakMb, 1)} |`);
  return rows.join('\n');
}

export function renderMarkdown(results) {
  const m = results.machine;
  const lines = [
    `# Benchmark results (${results.startedAt})`,
    '',
    `Command: \`${results.command}\` · commit ${results.commit} · ${m.cpus}× ${m.cpuModel} · ${m.memoryGb} GB · Node ${m.node} · ${m.platform} · ${results.durationSeconds.toFixed(0)} s · load average (1 min) at start / end ${m.loadAverageStart ?? '?'} / ${m.loadAverageEnd ?? '?'}`,
    `Settings: ${results.settings.rounds} interleaved rounds × ${results.settings.seconds} s per side and scenario (after ${results.settings.warmupSeconds} s warm-up), ≤ ${results.settings.maxRequests.toLocaleString('en-US')} requests per run; gateway with MULTI_AI_PROXY_WORKERS=1, log level ${results.settings.logLevel}${results.settings.gatewayNodeArgs ? `, node flags \`${results.settings.gatewayNodeArgs}\`` : ''}; mock upstream streams ${results.settings.chunks} chunks ${results.settings.chunkDelayMs} ms apart.`,
    '',
  ];
  if (results.gatewayProblem) lines.push(`**Gateway:** ${results.gatewayProblem}`, '');
  for (const crash of results.gatewayCrashes ?? []) {
    lines.push(
      `**Gateway crashed** before ${crash.beforeScenario} (${JSON.stringify(crash.exit)}); restarted. Log tail:`,
      '',
      '```',
      crash.logTail.trim(),
      '```',
      '',
    );
  }
  if (results.compare) return renderCompare(results, lines);
  lines.push(
    '## Targets',
    '',
    '| target | limit | measured | result |',
    '|---|---|---:|---|',
    ...results.targets.map(
      (t) =>
        `| ${t.target} | ${t.limit} | ${t.value} | ${t.status === 'PASS' ? '**PASS**' : t.status === 'FAIL' ? '**FAIL**' : t.status} |`,
    ),
    '',
    '## Non-streamed',
    '',
    loadTable(results.scenarios),
    '',
    '## Streamed',
    '',
    streamTable(results.scenarios),
    '',
    ...(results.portkey ? ['## Peer: Portkey', '', portkeySection(results.portkey), ''] : []),
    '## Cluster (azure-chat-c64, MULTI_AI_PROXY_WORKERS=1 vs 2)',
    '',
    clusterSection(results.cluster),
    ...(results.clusterPinned
      ? ['', '### Cluster, pinned (`--cluster-pin`)', '', clusterSection(results.clusterPinned)]
      : []),
    '',
    '## Soak',
    '',
    soakSection(results.soak),
    '',
    `Gateway RSS at idle after start: ${f(results.rss?.idleMb, 1)} MB; after all scenarios: ${f(results.rss?.afterMb, 1)} MB.`,
    '',
  );
  return renderTail(results, lines);
}

function renderCompare(results, lines) {
  if (results.compare) {
    lines.push(
      `## Before/after: ${results.compare.baseline ?? 'as built'} vs ${results.compare.patches.join(' + ') || 'this build'} (interleaved, same run)`,
      '',
    );
    if (results.compare.startup?.length) {
      const rounds = results.compare.startup[0].rounds;
      lines.push(
        `### Start-up (spawn to the first 200 from /healthz, ${rounds} start-ups per side, alternated)`,
        '',
        '| gateway | start-up median ms | min / max ms | CPU to first 200 median ms | idle RSS median MB |',
        '|---|---:|---:|---:|---:|',
        ...results.compare.startup.map(
          (r) =>
            `| ${r.label} | ${int(r.startupMs)} | ${int(r.startupMinMs)} / ${int(r.startupMaxMs)} | ${int(r.cpuMs)} | ${f(r.idleRssMb, 1)} |`,
        ),
        '',
      );
    }
    for (const c of results.compare.scenarios) {
      if (c.streams) {
        lines.push(
          `### ${c.id}`,
          '',
          '| gateway | added raw TTFB p50 / p99 ms | added first answer event p50 / p99 ms | first→last event p50 ms (direct / gateway) | CPU µs/stream |',
          '|---|---:|---:|---:|---:|',
        );
        for (const r of c.streams)
          lines.push(
            `| ${r.label} | ${f(r.addedTtfbP50Ms, 3)} / ${f(r.addedTtfbP99Ms, 3)} | ${f(r.addedFirstChoiceP50Ms, 3)} / ${f(r.addedFirstChoiceP99Ms, 3)} | ${f(r.direct?.spreadP50Ms, 1)} / ${f(r.gateway?.spreadP50Ms, 1)} | ${int(r.gateway?.cpuUsPerRequest)} |`,
          );
        lines.push('');
        continue;
      }
      lines.push(
        `### ${c.id}`,
        '',
        '| gateway | req/s | p50 / p99 ms | CPU µs/req | RSS peak MB |',
        '|---|---:|---:|---:|---:|',
      );
      for (const r of c.runs)
        lines.push(
          `| ${r.label} | ${int(r.requestsPerSecond)} | ${f(r.p50Ms, 3)} / ${f(r.p99Ms, 3)} | ${int(r.cpuUsPerRequest)} | ${f(r.rssPeakMb, 1)} |`,
        );
      lines.push('');
    }
  }
  return renderTail(results, lines);
}

/** --keys: the key checks measured in-process (memory store) and the Redis round trips. */
function keyChecksSection(checks) {
  const lines = ['## Key checks in-process (identify + admit + settle, built gateway modules)', ''];
  lines.push(
    `Memory store: **${f(checks.memory.cpuUsPerRequest, 1)} µs CPU per request** (${checks.memory.keys} configured keys, ${checks.memory.requests.toLocaleString('en-US')} requests).`,
    '',
  );
  if (checks.redis.status !== 'ok') lines.push(`Redis: not run (${checks.redis.reason}).`, '');
  else {
    lines.push('| Redis round trip (sequential) | p50 ms | p99 ms |', '|---|---:|---:|');
    lines.push(
      `| admit (Lua, every bucket) | ${f(checks.redis.admit.p50Ms, 3)} | ${f(checks.redis.admit.p99Ms, 3)} |`,
    );
    lines.push(
      `| settle (Lua) | ${f(checks.redis.settle.p50Ms, 3)} | ${f(checks.redis.settle.p99Ms, 3)} |`,
    );
    lines.push(
      '',
      `Client CPU per request with Redis (both round trips, ioredis): ${f(checks.redis.clientCpuUsPerRequest, 0)} µs.`,
      '',
    );
  }
  return lines;
}

/** --telemetry: the metrics' series updates of one chat request, in-process. */
function metricsHotPathSection(hotPath) {
  return [
    '## Metrics hot path in-process (the series updates of one chat request, built gateway module)',
    '',
    `Gateway children: **${f(hotPath.gatewayUs, 2)} µs CPU per request**; the same updates through prom-client's own cached \`.labels()\` children: ${f(hotPath.promClientChildrenUs, 2)} µs (best of ${hotPath.rounds} interleaved rounds × ${hotPath.requests.toLocaleString('en-US')}).`,
    '',
  ];
}

function renderTail(results, lines) {
  if (results.keyChecks) lines.push(...keyChecksSection(results.keyChecks));
  if (results.metricsHotPath) lines.push(...metricsHotPathSection(results.metricsHotPath));
  if (results.profiles?.length) {
    lines.push('## CPU profile (gateway, --cpu-prof)', '');
    for (const p of results.profiles) lines.push(p.markdown, '');
  }
  if (results.mockStats)
    lines.push(
      '## Mock upstream request counts',
      '',
      '```json',
      JSON.stringify(results.mockStats),
      '```',
      '',
    );
  return lines.join('\n');
}

export function writeResults(results, { basename = 'latest' } = {}) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}${basename}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${RESULTS_DIR}${basename}.md`, renderMarkdown(results));
  return { json: `${RESULTS_DIR}${basename}.json`, md: `${RESULTS_DIR}${basename}.md` };
}
