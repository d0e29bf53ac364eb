import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { GatewayState } from '../gateway-state.js';

/**
 * One structured line per request, written when the response is finished or aborted (so streams
 * are logged with their full duration and size). Never logs headers or bodies.
 */
export function createAccessLogMiddleware(logger: Logger): Middleware<GatewayState> {
  // The access line's fields are chosen here and hold no secret, so it skips redaction, which would
  // otherwise be the largest part of a log line's cost on every request.
  const accessLogger = logger.child({}, { redact: [] });
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    ctx.res.once('close', () => {
      const state = ctx.state;
      accessLogger.info(
        {
          requestId: state.requestId,
          method: ctx.method,
          path: ctx.path,
          model: state.model,
          provider: state.provider,
          upstreamModel: state.upstreamModel,
          status: ctx.res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          bytes: ctx.response.length,
          aborted: !ctx.res.writableFinished,
        },
        'request',
      );
    });
    await next();
  };
}
