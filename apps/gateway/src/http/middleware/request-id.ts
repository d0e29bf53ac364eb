import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { GatewayState } from '../gateway-state.js';

const SAFE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** Takes the client's `x-request-id` when it is sane, else makes one; echoes it on every response. */
export function createRequestIdMiddleware(): Middleware<GatewayState> {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId =
      incoming && SAFE_REQUEST_ID.test(incoming)
        ? incoming
        : `req_${randomUUID().replaceAll('-', '')}`;
    ctx.state.requestId = requestId;
    ctx.set('x-request-id', requestId);
    await next();
  };
}
