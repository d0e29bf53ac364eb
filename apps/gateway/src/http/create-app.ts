import Koa from 'koa';
import type { DependencyContainer } from 'tsyringe';
import type { LoggerV1 } from '@multi-ai-proxy/core';
import {
  KEY_SERVICES,
  LIFECYCLE,
  LOGGER,
  MODEL_ROUTER,
  PROVIDER_REGISTRY,
  RESPONSE_STORE,
  SETTINGS,
  TELEMETRY,
} from '../di/tokens.js';
import { toProviderLogger } from '../logging/to-provider-logger.js';
import { createMetricsMiddleware } from '../telemetry/create-metrics-middleware.js';
import { createTelemetryMiddleware } from '../telemetry/create-telemetry-middleware.js';
import { createJsonBodyParser } from './create-json-body-parser.js';
import { createRouter } from './create-router.js';
import type { GatewayState } from './gateway-state.js';
import { createAbortOnDisconnectMiddleware } from './middleware/abort-on-disconnect.js';
import { createAccessLogMiddleware } from './middleware/access-log.js';
import { createCorsMiddleware } from './middleware/cors.js';
import { createErrorHandlerMiddleware } from './middleware/error-handler.js';
import { createGatewayAuthMiddleware } from './middleware/gateway-auth.js';
import { createNotFoundMiddleware } from './middleware/not-found.js';
import { createRequestIdMiddleware } from './middleware/request-id.js';
import type { RouteDependencies } from './route-dependencies.js';

const PUBLIC_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Middleware order: request id → telemetry (timings, spans, overhead headers) → access log → abort on
 * disconnect → CORS (answers preflight) → error mapper → gateway auth → `/metrics` (when served on the
 * main port) → router (+ 404/405 bodies). Bodies are parsed per route, so
 * multipart uploads reach their route unread.
 */
export function createApp(container: DependencyContainer): Koa<GatewayState> {
  const settings = container.resolve(SETTINGS);
  const logger = container.resolve(LOGGER);
  const registry = container.resolve(PROVIDER_REGISTRY);
  const lifecycle = container.resolve(LIFECYCLE);
  const telemetry = container.resolve(TELEMETRY);
  const modelRouter = container.isRegistered(MODEL_ROUTER)
    ? container.resolve(MODEL_ROUTER)
    : undefined;
  const keys = container.resolve(KEY_SERVICES);
  const responseStore = container.isRegistered(RESPONSE_STORE)
    ? container.resolve(RESPONSE_STORE)
    : undefined;

  const providerLoggers = new Map<string, LoggerV1>(
    registry.providers.map((provider) => [
      provider.instanceName,
      toProviderLogger(logger.child({ provider: provider.instanceName })),
    ]),
  );
  const deps: RouteDependencies = {
    settings,
    logger,
    registry,
    modelRouter,
    responseStore,
    lifecycle,
    keys,
    providerLoggers,
    parseJsonBody: createJsonBodyParser({
      jsonLimit: settings.jsonLimitBytes,
      jsonStrict: true,
      includeUnparsed: true,
      multipart: false,
      urlencoded: false,
      text: false,
    }),
  };
  const router = createRouter(deps);
  const auth = createGatewayAuthMiddleware(keys.directory, registry.credentialHeaders);

  const app = new Koa<GatewayState>({ proxy: false });
  // Errors are answered by the error mapper; Koa's own handler would print stack traces.
  app.silent = true;
  app.use(createRequestIdMiddleware());
  app.use(createTelemetryMiddleware(telemetry));
  app.use(createAccessLogMiddleware(logger));
  app.use(createAbortOnDisconnectMiddleware(lifecycle));
  app.use(createCorsMiddleware(settings.corsOrigins, registry.credentialHeaders));
  app.use(createErrorHandlerMiddleware(logger));
  // /admin/… checks the admin key itself (admin-routes.ts), never a gateway key.
  app.use((ctx, next) =>
    PUBLIC_PATHS.has(ctx.path) || ctx.path.startsWith('/admin/') ? next() : auth(ctx, next),
  );
  // On the main port `/metrics` sits behind gateway auth like the API; MULTI_AI_PROXY_METRICS_ADDRESS moves it off.
  if (telemetry.metrics !== undefined && telemetry.settings.metricsAddress === undefined)
    app.use(createMetricsMiddleware(telemetry.metrics));
  app.use(createNotFoundMiddleware());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
