// Portkey's open-source gateway as an optional peer of `pnpm bench -- --portkey`: installed on demand
// with `npm install --prefix bench/.peers/portkey` (an ignored folder: never in the workspace, the
// lockfile or CI), started as its README says (`node build/start-server.js --headless`), and sent the
// same client requests as the gateway, routed by Portkey's headers to the same mock upstream.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findListeningPort } from './find-listening-port.mjs';

export const PORTKEY_VERSION = '1.15.2';
const PEER_DIR = fileURLToPath(new URL('../.peers/portkey', import.meta.url));
const ENTRY = join(PEER_DIR, 'node_modules/@portkey-ai/gateway/build/start-server.js');

/** Installs @portkey-ai/gateway into bench/.peers/portkey unless that version is there. */
export function ensurePortkeyInstalled(log) {
  const manifest = join(PEER_DIR, 'node_modules/@portkey-ai/gateway/package.json');
  if (
    existsSync(manifest) &&
    JSON.parse(readFileSync(manifest, 'utf8')).version === PORTKEY_VERSION
  )
    return ENTRY;
  log(`installing @portkey-ai/gateway@${PORTKEY_VERSION} into bench/.peers/portkey (npm)`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      PEER_DIR,
      '--no-audit',
      '--no-fund',
      '--no-save',
      `@portkey-ai/gateway@${PORTKEY_VERSION}`,
    ],
    { stdio: 'inherit', timeout: 300_000 },
  );
  return ENTRY;
}

/** Portkey's request for a bench scenario: the gateway's body, Portkey's routing headers. */
export function portkeyRequest(scenario, mockUrl) {
  const { body } = scenario.gateway;
  if (scenario.provider === 'azure')
    return {
      path: '/v1/chat/completions',
      body,
      headers: {
        authorization: 'Bearer bench',
        'x-portkey-provider': 'azure-openai',
        'x-portkey-azure-resource-name': 'bench',
        'x-portkey-azure-deployment-id': 'gpt-4o',
        'x-portkey-azure-api-version': '2024-10-21',
        'x-portkey-custom-host': `${mockUrl}/openai`,
      },
    };
  if (scenario.provider === 'google')
    return {
      path: '/v1/chat/completions',
      // The gateway's `google/` routing prefix is the gateway's own; Portkey takes the bare model.
      body: JSON.stringify({ ...JSON.parse(body), model: JSON.parse(body).model.split('/').pop() }),
      headers: {
        authorization: 'Bearer bench',
        'x-portkey-provider': 'google',
        'x-portkey-custom-host': mockUrl,
      },
    };
  return undefined;
}

/** Starts Portkey on a free loopback port; same shape as startGateway's result. */
export async function startPortkey({ entry, startTimeoutMs = 30_000 }) {
  const dir = mkdtempSync(join(tmpdir(), 'map-bench-portkey-'));
  const logFile = join(dir, 'portkey.log');
  const fd = openSync(logFile, 'w');
  const loopback = fileURLToPath(new URL('./listen-on-loopback.mjs', import.meta.url));
  const child = spawn(process.execPath, ['--import', loopback, entry, '--port=0', '--headless'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );
  const readLog = () => readFileSync(logFile, 'utf8');
  const deadline = Date.now() + startTimeoutMs;
  let port;
  while (!port) {
    if (exited) throw new Error(`portkey exited during start-up:\n${readLog().slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exitPromise;
      throw new Error(`portkey did not listen within ${startTimeoutMs} ms`);
    }
    port = findListeningPort(child.pid);
    if (!port) await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    logFile,
    exitInfo: () => exited ?? undefined,
    logTail: (chars = 2000) => readLog().slice(-chars),
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
      return exited;
    },
  };
}
