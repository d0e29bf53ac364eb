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
    // Bytes written on this socket for this response (keep-alive sockets count across requests).
    const socket = ctx.req.socket;
    const bytesBefore = socket.bytesWritten;
    ctx.res.once('close', () => {
      const state = ctx.state;
      const answered = ctx.res.headersSent;
      accessLogger.info(
        {
          requestId: state.requestId,
          method: ctx.method,
          path: ctx.path,
          model: state.model,
          provider: state.provider,
          upstreamModel: state.upstreamModel,
          // 499 (nginx's "client closed request"): the client left before any answer was sent.
          status: answered ? ctx.res.statusCode : 499,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          bytes: socket.bytesWritten - bytesBefore,
          aborted: !ctx.res.writableFinished,
        },
        'request',
      );
    });
    await next();
  };
}
