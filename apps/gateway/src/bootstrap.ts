import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { resolveAlias } from '@multi-ai-proxy/core';
import { ConfigError } from './config/config-error.js';
import type { GatewaySettings } from './config/gateway-settings.js';
import { loadEnvironment } from './config/load-environment.js';
import { loadGatewaySettings } from './config/load-gateway-settings.js';
import { createRootContainer } from './di/create-root-container.js';
import { LIFECYCLE, MODEL_ROUTER, RESPONSE_STORE, TELEMETRY } from './di/tokens.js';
import { createKeyServices } from './keys/create-key-services.js';
import { createApp } from './http/create-app.js';
import { preloadJsonBodyParser } from './http/create-json-body-parser.js';
import { createLogger } from './logging/create-logger.js';
import { toProviderLogger } from './logging/to-provider-logger.js';
import { FIRST_PARTY_SETUP_HINT } from './plugins/first-party-plugins.js';
import { loadProviderPlugins } from './plugins/load-provider-plugins.js';
import { warnOpenRelay } from './plugins/warn-open-relay.js';
import { ModelRouter } from './router/model-router.js';
import { ProviderRegistry } from './services/provider-registry.js';
import { createDeploymentStateStore } from './state/create-deployment-state-store.js';
import { openStateConnection } from './state/open-state-connection.js';
import { createResponseStore } from './state/create-response-store.js';
import { GatewayTelemetry } from './telemetry/gateway-telemetry.js';
import { startMetricsListener } from './telemetry/start-metrics-listener.js';
import type { TracingSdk } from './telemetry/start-tracing-sdk.js';

// Reported as the tracer's and the resource's service.version: the gateway package's own version.
const GATEWAY_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export interface RunningGateway {
  server: Server;
  url: string;
  logger: Logger;
  /** Stops accepting, lets in-flight requests finish up to the deadline, then closes everything. */
  shutdown(reason: string): Promise<void>;
}

/** Settings → plugins → container → Koa app → listening server. Throws ConfigError on bad configuration. */
export async function bootstrap(settingsOverride?: GatewaySettings): Promise<RunningGateway> {
  const env = loadEnvironment();
  const settings = settingsOverride ?? loadGatewaySettings(env);
  const logger = createLogger(settings.logLevel);
  const telemetrySettings = settings.telemetry;
  // The trace SDK and API are imported only when tracing is on (they hand GatewayTelemetry its tracer).
  let tracing: TracingSdk | undefined;
  if (telemetrySettings.tracing)
    tracing = await (await import('./telemetry/start-tracing-sdk.js')).startTracingSdk(
      env,
      GATEWAY_VERSION,
    );
  const loaded = await loadProviderPlugins(settings, {
    env,
    logger: toProviderLogger(logger),
    createLogger: (instanceName) => toProviderLogger(logger.child({ provider: instanceName })),
    lendCoreToPlugins: true,
  });
  const registry = new ProviderRegistry(
    loaded,
    settings.defaultProvider,
    settings.routes,
    FIRST_PARTY_SETUP_HINT,
  );
  // One Redis connection (state.store: redis) for the router's deployment state and the keys.
  const stateConnection = await openStateConnection(settings.state, logger);
  const keys = createKeyServices(settings.keys, settings.apiKeys, stateConnection);
  const container = createRootContainer(settings, logger, registry, keys);
  const telemetry = new GatewayTelemetry(
    telemetrySettings,
    loaded,
    // A config route (exact or glob) or a model group names a model the operator wrote down: a bounded set.
    {
      has: (name: string) =>
        settings.models.has(name) || resolveAlias(name, registry.routeAliases) !== undefined,
    },
    tracing?.api,
  );
  container.registerInstance(TELEMETRY, telemetry);
  // One of several workers (main.ts forked it): a scrape must show the whole group, not this worker.
  if (cluster.isWorker) telemetry.metrics?.aggregateAcrossWorkers();
  const modelRouter =
    settings.models.size === 0
      ? undefined
      : new ModelRouter(
          settings.models,
          settings.routes,
          createDeploymentStateStore(stateConnection),
        );
  if (modelRouter !== undefined) {
    container.registerInstance(MODEL_ROUTER, modelRouter);
    telemetry.watchCooldowns(
      [...settings.models.values()].flatMap((group) => group.deployments.map((d) => d.target)),
      (ids) => modelRouter.store.cooling(ids),
    );
  }
  const responseStore = createResponseStore(settings.responseStore, stateConnection);
  if (responseStore !== undefined) container.registerInstance(RESPONSE_STORE, responseStore);
  const metricsListener =
    telemetry.metrics !== undefined && telemetrySettings.metricsAddress !== undefined
      ? await startMetricsListener(telemetry.metrics, telemetrySettings.metricsAddress)
      : undefined;
  const lifecycle = container.resolve(LIFECYCLE);
  const app = createApp(container);

  // requestTimeout bounds receiving a request (a client that stalls mid-body); answers and streams
  // are not limited by it.
  const server = createServer(
    {
      keepAliveTimeout: 65_000,
      requestTimeout: settings.requestTimeoutMs,
      headersTimeout: Math.min(60_000, settings.requestTimeoutMs),
      // Node checks those deadlines on this period (30 s by default); keep it below the deadline.
      connectionsCheckingInterval: Math.min(
        30_000,
        Math.max(100, Math.floor(settings.requestTimeoutMs / 2)),
      ),
    },
    app.callback(),
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) =>
    writeClientError(error, socket),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.listen.port, settings.listen.host, () => resolve());
  });
  const address = server.address();
  const port =
    typeof address === 'object' && address !== null ? address.port : settings.listen.port;
  const host = settings.listen.host ?? '0.0.0.0';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  lifecycle.ready = true;

  for (const entry of loaded) {
    logger.info(
      {
        instance: entry.provider.instanceName,
        package: `${entry.plugin.packageName}@${entry.plugin.version}`,
        source: entry.configKey,
      },
      'provider loaded',
    );
  }
  if (loaded.length === 0)
    logger.warn(
      { hint: FIRST_PARTY_SETUP_HINT },
      'no provider configured: model requests will fail until one is',
    );
  if (metricsListener !== undefined) logger.info({ url: metricsListener.url }, 'metrics listening');
  if (tracing !== undefined)
    logger.info(
      {
        protocol:
          process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ??
          process.env.OTEL_EXPORTER_OTLP_PROTOCOL ??
          'http/protobuf',
      },
      'tracing to OTLP',
    );
  warnOpenRelay(loaded, settings.apiKeys, logger);
  for (const unknown of settings.ignoredVariables)
    logger.warn(
      { variable: unknown.name, ...(unknown.suggestion ? { didYouMean: unknown.suggestion } : {}) },
      'environment variable is not a gateway setting and is ignored',
    );
  logger.info(
    {
      url,
      defaultProvider: registry.defaultInstance ?? null,
      providers: loaded.map((entry) => entry.provider.instanceName),
    },
    'gateway listening',
  );
  // Supervisors and tests wait for this line: do not leave it in the asynchronous buffer.
  logger.flush();
  // Listening first: what only model requests need is loaded now, in the background.
  preloadJsonBodyParser((error) =>
    logger.error(
      { error: { name: (error as Error)?.name, message: (error as Error)?.message } },
      'koa-body could not be loaded: requests with a JSON body will fail until it can (reinstall the gateway)',
    ),
  );

  let closing: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    closing ??= (async () => {
      lifecycle.shuttingDown = true;
      logger.info({ reason, inFlight: lifecycle.inFlightCount }, 'shutting down');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = await lifecycle.waitForIdle(settings.shutdownTimeoutMs);
      if (!drained) {
        logger.warn(
          { inFlight: lifecycle.inFlightCount },
          'shutdown deadline passed: aborting requests still in flight',
        );
        lifecycle.abortAll('gateway shutting down');
      }
      // Whatever is left is idle keep-alive sockets (or aborted requests): close them so `close` completes.
      server.closeAllConnections();
      await closed;
      await Promise.allSettled([...loaded.map((entry) => entry.provider.close?.())]);
      // The stores on it are done once the requests are.
      await stateConnection?.close();
      // The batch processor still holds the last spans; the scrape listener goes last.
      await Promise.allSettled([
        tracing?.shutdown(),
        metricsListener && new Promise((resolve) => metricsListener.server.close(resolve)),
      ]);
      logger.info({}, 'stopped');
      logger.flush();
    })();
    return closing;
  };
  return { server, url, logger, shutdown };
}

/**
 * Node's HTTP parser rejects some requests before Koa sees them (headers too large, malformed
 * request line, request timeout): answer those with an OpenAI-shaped body too, then close.
 */
function writeClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (
    !socket.writable ||
    (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
  ) {
    socket.destroy();
    return;
  }
  const [status, reason, code] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'request_header_fields_too_large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request_timeout']
        : [400, 'Bad Request', 'invalid_http_request'];
  const body = JSON.stringify({
    error: { message: `${reason}.`, type: 'invalid_request_error', param: null, code },
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export { ConfigError };
