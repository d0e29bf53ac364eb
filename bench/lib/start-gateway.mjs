// Starts the BUILT gateway (node apps/gateway/dist/main.js) as an operator would, with the providers
// pointed at the mock upstream. Its stdout (pino JSON lines, one per event at the default log level)
// goes to a file, like a container's log driver: logging is part of the measured cost.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findListeningPort } from './find-listening-port.mjs';

export const GATEWAY_ENTRY = fileURLToPath(
  new URL('../../apps/gateway/dist/main.js', import.meta.url),
);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function isHealthy(url) {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

export function gatewayIsBuilt() {
  return existsSync(GATEWAY_ENTRY);
}

/** The environment an operator would set to point every first-party provider at `upstreamUrl`. */
export function gatewayEnvironment(upstreamUrl, { workers = 1, extra = {} } = {}) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    AZURE_OPENAI_PROXY_ADDRESS: '127.0.0.1:0',
    AZURE_OPENAI_PROXY_MODE: 'azure',
    MULTI_AI_PROXY_WORKERS: String(workers),
    AZURE_OPENAI_ENDPOINT: upstreamUrl,
    GOOGLE_AI_STUDIO_ENDPOINT: upstreamUrl,
    GOOGLE_AI_STUDIO_API_KEY: 'bench',
    VERTEX_AI_ENDPOINT: upstreamUrl,
    VERTEX_AI_API_KEY: 'bench',
    VERTEX_AI_PROJECT_ID: 'bench-project',
    VERTEX_AI_LOCATION: 'us-central1',
    OPENAI_API_ENDPOINT: upstreamUrl,
    OPENAI_API_KEY: 'bench',
    ...extra,
  };
  // MULTI_AI_PROXY_LOG_LEVEL is left to the operator default (info) unless the caller sets it.
  if (process.env.MULTI_AI_PROXY_LOG_LEVEL)
    env.MULTI_AI_PROXY_LOG_LEVEL = process.env.MULTI_AI_PROXY_LOG_LEVEL;
  return env;
}

/**
 * @returns {Promise<{ url: string, pid: number, logFile: string, logLines: () => number, stop: () => Promise<number|null> }>}
 */
export async function startGateway({
  env,
  nodeArgs = [],
  // Generous: on a shared machine under load a start-up can take seconds (startupMs records it).
  startTimeoutMs = 60_000,
  cwd,
  entry = GATEWAY_ENTRY,
  // Another program that runs Node (valgrind, taskset): nodeArgs then start with its own arguments.
  spawnCommand = process.execPath,
} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'map-bench-'));
  const logFile = join(dir, 'gateway.log');
  const fd = openSync(logFile, 'w');
  // cwd defaults to an empty temp folder so a developer's .env in the checkout does not leak in.
  const child = spawn(spawnCommand, [...nodeArgs, entry], {
    cwd: cwd ?? dir,
    env,
    stdio: ['ignore', fd, fd],
  });
  const spawnedAt = Date.now();
  closeSync(fd);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(code);
    });
  });

  const readLog = () => readFileSync(logFile, 'utf8');
  const deadline = Date.now() + startTimeoutMs;
  let url;
  while (!url) {
    if (exited) {
      const tail = readLog().slice(-2000);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`gateway exited during start-up (${JSON.stringify(exited)}):\n${tail}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exitPromise;
      const tail = readLog().slice(-2000);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `gateway did not log "gateway listening" within ${startTimeoutMs} ms:\n${tail}`,
      );
    }
    for (const line of readLog().split('\n')) {
      if (!line.includes('gateway listening')) continue;
      try {
        url = JSON.parse(line).url;
      } catch {
        url = /"url":"([^"]+)"/.exec(line)?.[1];
      }
      if (url) break;
    }
    if (!url) {
      const port = findListeningPort(child.pid);
      if (port && (await isHealthy(`http://127.0.0.1:${port}`))) url = `http://127.0.0.1:${port}`;
    }
    if (!url) await new Promise((r) => setTimeout(r, 50));
  }

  // Start-up as an operator's health check sees it: spawn to the first 200 from /healthz.
  while (!(await isHealthy(url))) {
    if (exited || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const startupMs = Date.now() - spawnedAt;
  return {
    url,
    pid: child.pid,
    startupMs,
    logFile,
    repoRoot: REPO_ROOT,
    /** undefined while running, else { code, signal }. */
    exitInfo: () => exited ?? undefined,
    logTail: (chars = 2000) => readLog().slice(-chars),
    /** SIGTERM (graceful: lets --cpu-prof write its profile), SIGKILL after `graceMs`. */
    stop: async ({ graceMs = 15_000, keepLog = false } = {}) => {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exitPromise;
        clearTimeout(timer);
      }
      if (!keepLog) rmSync(dir, { recursive: true, force: true });
      return exited;
    },
  };
}
