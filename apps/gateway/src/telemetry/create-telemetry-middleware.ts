import type { Middleware } from 'koa';
import type { GatewayState } from '../http/gateway-state.js';
import type { GatewayTelemetry } from './gateway-telemetry.js';

/**
 * Gives each request its telemetry (timings, SERVER span), stamps the overhead headers on answers
 * whose headers leave after the middleware chain (JSON, errors; streams are stamped when they start),
 * and closes the request's metrics and spans when the response is finished or aborted.
 */
export function createTelemetryMiddleware(telemetry: GatewayTelemetry): Middleware<GatewayState> {
  return async (ctx, next) => {
    const request = telemetry.startRequest(ctx);
    ctx.state.telemetry = request;
    ctx.res.once('close', () => request.finish(ctx, !ctx.res.writableFinished));
    try {
      await next();
    } finally {
      request.stampHeaders(ctx);
    }
  };
}
