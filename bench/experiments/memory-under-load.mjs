// Experiment: the gateway's memory under azure-chat-c64 load, with --trace-gc, to see whether RSS is
// V8 heap (young/old space headroom) or native memory. Usage:
//   node bench/experiments/memory-under-load.mjs [--seconds=5] [-- <extra node flags>]
import { readFileSync } from 'node:fs';
import { startGateway, gatewayEnvironment } from '../lib/start-gateway.mjs';
import { startMockProcess } from '../lib/start-mock-process.mjs';
import { runLoad } from '../lib/run-load.mjs';
import { scenarios } from '../lib/scenarios.mjs';

const argv = process.argv.slice(2);
const seconds = Number(argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 5);
const id = argv.find((a) => a.startsWith('--scenario='))?.split('=')[1] ?? 'azure-chat-c64';
const dash = argv.indexOf('--');
const nodeArgs = dash >= 0 ? argv.slice(dash + 1) : [];
const extraEnv = Object.fromEntries(
  argv.filter((a) => a.startsWith('--env=')).map((a) => a.slice(6).split('=')),
);
const scenario = scenarios.find((s) => s.id === id);
const mock = await startMockProcess();
const gateway = await startGateway({
  env: { ...gatewayEnvironment(mock.url), ...extraEnv },
  nodeArgs,
});
const rss = () => {
  const status = readFileSync(`/proc/${gateway.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
};
const cpu = () => {
  const f = readFileSync(`/proc/${gateway.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // ms
};
console.log(`startup ${gateway.startupMs} ms, idle RSS after 1.5 s:`);
await new Promise((r) => setTimeout(r, 1500));
console.log(`  idle ${rss().toFixed(1)} MB`);
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, rss())), 100);
const cpu0 = cpu();
const result = await runLoad({
  url: gateway.url,
  ...scenario.gateway,
  connections: scenario.connections,
  durationSeconds: seconds,
  maxRequests: 100_000,
});
clearInterval(timer);
const cpuMs = cpu() - cpu0;
console.log(
  `  ${result.requests} requests, ${((cpuMs * 1000) / result.requests).toFixed(0)} µs CPU/req, peak RSS ${peak.toFixed(1)} MB, end ${rss().toFixed(1)} MB`,
);
await gateway.stop({ keepLog: true });
await mock.stop();
const log = readFileSync(gateway.logFile, 'utf8').split('\n');
const gc = log.filter((line) => /Scavenge|Mark-Compact|Mark-sweep/.test(line));
console.log(`  gc lines: ${gc.length}; last mark-compacts:`);
for (const line of gc.filter((l) => /Mark/.test(l)).slice(-4))
  console.log('   ', line.slice(0, 160));
console.log('  last scavenges:');
for (const line of gc.filter((l) => /Scavenge/.test(l)).slice(-3))
  console.log('   ', line.slice(0, 160));
console.log(`  log: ${gateway.logFile}`);
