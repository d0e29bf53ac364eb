import type { Middleware } from 'koa';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import type { GatewayState } from '../gateway-state.js';

/**
 * Runs after the router: a 405 set by `allowedMethods` and an unmatched path both get an OpenAI
 * error body instead of Koa's plain text.
 */
export function createNotFoundMiddleware(): Middleware<GatewayState> {
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined && ctx.body !== null) return;
    if (ctx.status === 405) {
      const allow = ctx.response.get('allow');
      throw new InvalidRequestError(
        `Method ${ctx.method} is not allowed on ${ctx.path}${allow ? `; use ${allow}` : ''}.`,
        { status: 405, code: 'method_not_allowed' },
      );
    }
    if (ctx.status === 404) {
      throw new InvalidRequestError(`Unknown route: ${ctx.method} ${ctx.path}.`, {
        status: 404,
        code: 'unknown_url',
      });
    }
  };
}
