import type { Context } from 'koa';
import type { RouteDependencies } from '../route-dependencies.js';

export function createHealthRoutes(deps: RouteDependencies) {
  return {
    /** Liveness: `{"status":"healthy"}`, the body existing health checks expect. */
    healthz: (ctx: Context) => {
      ctx.body = { status: 'healthy' };
    },
    /** Readiness: plugins loaded and not shutting down. */
    readyz: (ctx: Context) => {
      const { lifecycle, registry } = deps;
      const ready = lifecycle.ready && !lifecycle.shuttingDown;
      ctx.status = ready ? 200 : 503;
      ctx.body = {
        status: ready ? 'ready' : lifecycle.shuttingDown ? 'shutting_down' : 'starting',
        providers: registry.providers.map((provider) => provider.instanceName),
        defaultProvider: registry.defaultInstance ?? null,
      };
    },
  };
}
