import type { Middleware } from 'koa';
import type { LifecycleState } from '../../services/lifecycle-state.js';
import type { GatewayState } from '../gateway-state.js';

/**
 * One AbortController per request, aborted when the client goes away before the response finished
 * (`close` on the response without `writableFinished`). Providers pass its signal to got, so a
 * disconnect cancels the upstream call. The lifecycle tracks it until the response is done.
 */
export function createAbortOnDisconnectMiddleware(
  lifecycle: LifecycleState,
): Middleware<GatewayState> {
  return async (ctx, next) => {
    // While draining, a keep-alive client is told to reconnect (to another replica) after this answer.
    if (lifecycle.shuttingDown) ctx.set('connection', 'close');
    const controller = new AbortController();
    ctx.state.abortController = controller;
    const untrack = lifecycle.track(controller);
    const response = ctx.res;
    response.once('close', () => {
      if (!response.writableFinished) controller.abort(new Error('client disconnected'));
      untrack();
    });
    await next();
  };
}
