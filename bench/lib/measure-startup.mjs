// Start-up of the compared gateways (--baseline / --compare): each side is started `rounds` times,
// the sides alternated (A, B, A, B, …) so a busy minute hits both, and each start-up is timed from
// spawn to the first 200 from /healthz. The gateway listens on a port chosen here, so /healthz is
// polled every 5 ms from the spawn on (startGateway must first find the port the gateway picked,
// polling its log and /proc every 50 ms). Idle RSS is sampled 500 ms after the first 200, as the
// main run's "idle after start" is, and the CPU time used to the first 200 beside the wall time.
// Medians are reported; timings are never asserted.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processTree, sampleProcesses } from './process-stats.mjs';
import { GATEWAY_ENTRY } from './start-gateway.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function healthy(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function startOnce({ entry = GATEWAY_ENTRY, env, nodeArgs = [], timeoutMs = 30_000 }) {
  const port = await freeLoopbackPort();
  const dir = mkdtempSync(join(tmpdir(), 'map-bench-startup-'));
  const logFile = join(dir, 'gateway.log');
  const fd = openSync(logFile, 'w');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: dir,
    env: { ...env, AZURE_OPENAI_PROXY_ADDRESS: `127.0.0.1:${port}` },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exited;
  const exit = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  try {
    const url = `http://127.0.0.1:${port}/healthz`;
    while (!(await healthy(url))) {
      if (exited || performance.now() - spawnedAt > timeoutMs)
        throw new Error(
          `gateway ${entry} did not answer /healthz (${JSON.stringify(exited ?? 'timeout')}):\n${readFileSync(logFile, 'utf8').slice(-1500)}`,
        );
      await sleep(5);
    }
    const startupMs = performance.now() - spawnedAt;
    // CPU to the first 200 (10 ms ticks): steadier than wall time when other work shares the cores.
    const cpuMs = sampleProcesses(processTree(child.pid)).cpuSeconds * 1000;
    await sleep(500);
    const idleRssMb = sampleProcesses(processTree(child.pid)).rssBytes / 2 ** 20;
    return { startupMs, cpuMs, idleRssMb };
  } finally {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @param {{ label: string, entry?: string, nodeArgs?: string[], env: Record<string,string> }[]} sides
 * @returns {Promise<{ label: string, rounds: number, startupMs: number, startupMinMs: number, startupMaxMs: number, cpuMs: number, idleRssMb: number, samples: { startupMs: number, cpuMs: number, idleRssMb: number }[] }[]>}
 */
export async function measureStartups(sides, { rounds = 7, log = () => {} } = {}) {
  const samples = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first, so neither always follows the other's exit.
    const order = round % 2 ? [...sides.keys()].reverse() : [...sides.keys()];
    for (const index of order) samples[index].push(await startOnce(sides[index]));
  }
  return sides.map((side, index) => {
    const times = samples[index].map((s) => s.startupMs);
    const result = {
      label: side.label,
      rounds,
      startupMs: median(times),
      startupMinMs: Math.min(...times),
      startupMaxMs: Math.max(...times),
      cpuMs: median(samples[index].map((s) => s.cpuMs)),
      idleRssMb: median(samples[index].map((s) => s.idleRssMb)),
      samples: samples[index],
    };
    log(
      `start-up ${side.label}: median ${result.startupMs.toFixed(0)} ms (${result.startupMinMs.toFixed(0)}–${result.startupMaxMs.toFixed(0)}), CPU ${result.cpuMs.toFixed(0)} ms, idle RSS ${result.idleRssMb.toFixed(1)} MB`,
    );
    return result;
  });
}
