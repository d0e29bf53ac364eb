import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built gateway entry point; turbo builds it before the test task runs (nothing is built here). */
export const GATEWAY_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

const STARTUP_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface StartGatewayOptions {
  /** Environment variables, as an operator sets them. The test runner's own environment is NOT inherited. */
  env?: Record<string, string | undefined>;
  /** Written to a temporary gateway.yaml (JSON is valid YAML) and named by MULTI_AI_PROXY_CONFIG. */
  config?: Record<string, unknown>;
}

export interface RunningGateway {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `http://127.0.0.1:<port>/v1`, the baseURL for OpenAI clients. */
  baseURL: string;
  /** Every JSON log line the gateway printed so far. */
  logs: Array<Record<string, unknown>>;
  /** Text the gateway wrote to stderr. */
  stderr(): string;
  /** Sends the signal (SIGTERM by default), waits for the exit and returns its code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node apps/gateway/dist/main.js` as an operator would: listening on 127.0.0.1:0, one worker,
 * configured by environment variables and (optionally) a config file, in an empty working directory
 * so no stray `.env` is read. Resolves once the "gateway listening" log line names the URL.
 */
export async function startGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  if (!existsSync(GATEWAY_MAIN))
    throw new Error(
      `${GATEWAY_MAIN} is missing: build the gateway first (pnpm turbo run build --filter=@multi-ai-proxy/gateway...)`,
    );
  const workDir = mkdtempSync(join(tmpdir(), 'map-e2e-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AZURE_OPENAI_PROXY_ADDRESS: '127.0.0.1:0',
    MULTI_AI_PROXY_WORKERS: '1',
    MULTI_AI_PROXY_LOG_LEVEL: 'info',
  };
  if (options.config !== undefined) {
    const configPath = join(workDir, 'gateway.yaml');
    writeFileSync(configPath, JSON.stringify(options.config, null, 2));
    env.MULTI_AI_PROXY_CONFIG = configPath;
  }
  for (const [name, value] of Object.entries(options.env ?? {}))
    if (value !== undefined) env[name] = value;

  const child = spawn(process.execPath, [GATEWAY_MAIN], {
    cwd: workDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(
      () => fail(`no "gateway listening" line within ${STARTUP_TIMEOUT_MS} ms`),
      STARTUP_TIMEOUT_MS,
    );
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(
        new Error(
          `gateway did not start: ${reason}\nstderr: ${stderr}\nlogs: ${logs.map((line) => JSON.stringify(line)).join('\n')}`,
        ),
      );
    };
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const entry = parseLogLine(line);
        if (entry === undefined) continue;
        logs.push(entry);
        if (entry.msg === 'gateway listening' && typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve(entry.url);
        }
      }
    });
    child.once('exit', (code, signal) => fail(`exited early (${signal ?? code})`));
  });
  child.removeAllListeners('exit');
  return {
    url,
    baseURL: `${url}/v1`,
    logs,
    stderr: () => stderr,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      const code = await stopProcess(child, signal);
      rmSync(workDir, { recursive: true, force: true });
      return code;
    },
  };
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
