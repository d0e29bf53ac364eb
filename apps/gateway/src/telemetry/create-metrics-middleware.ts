import type { Middleware } from 'koa';
import type { GatewayState } from '../http/gateway-state.js';
import type { GatewayMetrics } from './gateway-metrics.js';

/** `GET /metrics` in the Prometheus text format; everything else passes through. */
export function createMetricsMiddleware(metrics: GatewayMetrics): Middleware<GatewayState> {
  return async (ctx, next) => {
    if (ctx.path !== '/metrics' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const text = await metrics.text();
    ctx.status = 200;
    ctx.set('content-type', metrics.contentType);
    ctx.set('cache-control', 'no-store');
    ctx.body = text;
  };
}
