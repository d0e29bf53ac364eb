import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadEnvironment } from './config/load-environment.js';
import { loadGatewaySettings } from './config/load-gateway-settings.js';
import { bootstrap, ConfigError } from './bootstrap.js';
import { serveClusterMetrics } from './telemetry/cluster-metrics.js';

/**
 * Entry point. With MULTI_AI_PROXY_WORKERS > 1 the primary forks that many workers sharing the
 * listen port (node:cluster) and forwards SIGTERM/SIGINT to them; each worker is a full gateway,
 * and the primary aggregates their metrics for `/metrics`.
 */
async function main(): Promise<void> {
  const settings = loadGatewaySettings(loadEnvironment());
  if (settings.workers > 1 && cluster.isPrimary) {
    // A scrape reaches one worker; the primary aggregates every worker's metrics for it.
    if (settings.telemetry.metrics) serveClusterMetrics();
    return runPrimary(settings.workers);
  }
  // A signal during start-up (nothing in flight yet) ends the process at once.
  let stop: (signal: string) => void = () => process.exit(0);
  // `on`, not `once`: a second signal (process-group kill, a primary forwarding it, Ctrl-C twice)
  // must not fall back to Node's default and cut the streams being drained; shutdown is idempotent.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const gateway = await bootstrap(settings);
  // A promise some library forgot to handle must not take every in-flight request down with it.
  process.on('unhandledRejection', (reason) => {
    gateway.logger.error(
      { error: { name: (reason as Error)?.name, message: (reason as Error)?.message } },
      'unhandled promise rejection',
    );
  });
  stop = (signal: string) => {
    gateway.shutdown(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  if (cluster.isWorker) process.once('disconnect', () => stop('primary disconnected'));
}

function runPrimary(count: number): void {
  let stopping = false;
  let started = 0;
  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      started += 1;
    });
  };
  for (let index = 0; index < count; index++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that dies before any listened means bad configuration: do not restart in a loop.
    if (started === 0) {
      process.exitCode = code || 1;
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGTERM');
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode);
      return;
    }
    process.stderr.write(
      `worker ${worker.process.pid} exited (${signal ?? code}); starting a new one\n`,
    );
    fork();
  });
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
}

main().catch((error: unknown) => {
  // Startup failures name the setting and the fix; a stack trace would only bury that.
  const message =
    error instanceof ConfigError || (error as { name?: string })?.name?.endsWith('Error')
      ? (error as Error).message
      : String(error);
  process.stderr.write(`multi-ai-proxy: startup failed: ${message}\n`);
  process.exit(1);
});
