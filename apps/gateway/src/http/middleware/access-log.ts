import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { RequestTelemetry } from '../../telemetry/request-telemetry.js';
import type { GatewayState } from '../gateway-state.js';

/**
 * One structured line per request, written when the response is finished or aborted (so streams
 * are logged with their full duration and size), with the telemetry's figures: tokens, cost, time to
 * first byte, gateway overhead, attempts and the last target, key id, trace id. Never logs headers or bodies.
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
      const telemetry = state.telemetry;
      telemetry?.finish(ctx, !ctx.res.writableFinished);
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
          ...(telemetry === undefined ? {} : describeTelemetry(telemetry)),
          tries: state.routedAttempts,
        },
        'request',
      );
    });
    await next();
  };
}

/** The access-log fields from a request's telemetry; absent figures are left out. */
function describeTelemetry(telemetry: RequestTelemetry): Record<string, unknown> {
  const attempts = telemetry.attempts;
  const last = attempts.at(-1);
  const usage = last?.report.usage;
  return {
    ttfbMs:
      telemetry.firstByteAt === undefined
        ? undefined
        : round(telemetry.firstByteAt - telemetry.startedAt),
    overheadMs: round(telemetry.overheadMs(telemetry.firstByteAt)),
    upstreamMs: attempts.length === 0 ? undefined : round(telemetry.upstreamMs),
    attempts: attempts.length === 0 ? undefined : attempts.length,
    target:
      last === undefined
        ? undefined
        : `${last.target.providerInstance}/${last.target.upstreamModel ?? last.target.model ?? ''}`,
    tokens:
      usage === undefined
        ? undefined
        : {
            prompt: usage.inputTokens,
            completion: usage.outputTokens,
            cached: usage.cachedInputTokens,
            reasoning: usage.reasoningTokens,
          },
    costUsd: telemetry.costUsd,
    keyId: telemetry.keyId,
    traceId: telemetry.traceId,
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
