import type { CallTelemetryV1, ProviderV1 } from '@multi-ai-proxy/core';
import type { Context as OtelContext, Span } from '@opentelemetry/api';
import type { Context } from 'koa';
import { OutputCapture } from './capture-message-content.js';
import { classifyErrorType, statusClassOf } from './classify-error-type.js';
import { ATTR } from './gen-ai-attributes.js';
import { genAiOperationNameOf, type InboundApi } from './gen-ai-names.js';
import type { GatewayTelemetry } from './gateway-telemetry.js';
import { NO_MODEL } from './model-label-set.js';
import { UpstreamAttempt, type AttemptEnd } from './upstream-attempt.js';

const NONE = 'none';

/** The routing decision an attempt is made for: the provider and the models it resolved. */
export interface AttemptDispatch {
  provider: ProviderV1;
  model: string | undefined;
  upstreamModel: string | undefined;
}

/**
 * One request's telemetry, on `ctx.state.telemetry`: timings for the overhead headers and the access
 * log, the request's SERVER span, and its upstream attempts. The router and the key limits report
 * through it (startAttempt/endAttempt, retry, fallback, limitRejected, addCost, keyId); the host
 * makes one attempt per request until a router makes more.
 */
export class RequestTelemetry {
  readonly startedAt = performance.now();
  /** When the answer's headers were stamped (≈ the first byte). */
  firstByteAt: number | undefined;
  inbound: InboundApi | undefined;
  stream = false;
  readonly attempts: UpstreamAttempt[] = [];
  costUsd: number | undefined;
  /** The gateway key's public id (never the key), set by the keys feature. */
  keyId: string | undefined;
  private upstreamWaitMs = 0;
  private finished = false;
  /** Why the router sends the next attempt (set by retry/fallback, taken by startAttempt). */
  private move: { kind: 'retry' | 'fallback'; reason: string } | undefined;
  readonly span: Span | undefined;
  private readonly spanContext: OtelContext | undefined;

  constructor(
    private readonly owner: GatewayTelemetry,
    ctx: Context,
    traced: boolean,
  ) {
    const tracing = owner.tracing;
    if (tracing === undefined || !traced) return;
    // An incoming W3C traceparent is continued (the SDK registered the propagator).
    const parent = tracing.propagation.extract(tracing.rootContext, ctx.req.headers);
    this.span = tracing.tracer.startSpan(
      ctx.method,
      {
        kind: tracing.spanKind.SERVER,
        startTime: performance.timeOrigin + this.startedAt,
        attributes: {
          [ATTR.httpMethod]: ctx.method,
          [ATTR.requestId]: (ctx.state as { requestId?: string }).requestId ?? '',
        },
      },
      parent,
    );
    this.spanContext = tracing.trace.setSpan(parent, this.span);
  }

  /** The route names its inbound API once it knows it is a model or passthrough request. */
  begin(inbound: InboundApi): void {
    if (this.inbound !== undefined) return;
    this.inbound = inbound;
    this.owner.metrics?.inboundSeries(inbound, false).inFlight.inc();
  }

  /**
   * Starts an upstream attempt at `dispatch`; `report` is (or becomes) the provider's
   * `context.telemetry`. End it with endAttempt (or settle it and let the stream's end close it).
   */
  startAttempt(
    dispatch: AttemptDispatch,
    requestedModel: string | undefined,
    requestBody?: Record<string, unknown>,
    report: CallTelemetryV1 = {},
  ): UpstreamAttempt {
    const owner = this.owner;
    const providerInstance = dispatch.provider.instanceName;
    const providerName = owner.providerNameOf(providerInstance);
    const operationName = genAiOperationNameOf(this.inbound ?? 'passthrough', providerName);
    const modelLabel = owner.labels.labelOf(dispatch.provider, requestedModel, dispatch.model);
    const target = {
      providerInstance,
      providerName,
      operationName,
      modelLabel,
      model: dispatch.model,
      upstreamModel: dispatch.upstreamModel,
      stream: this.stream,
    };
    const move = this.move;
    this.move = undefined;
    if (move?.kind === 'retry' && owner.metrics !== undefined)
      owner.metrics.countReason(owner.metrics.retries, providerInstance, move.reason);
    let attributes: Record<string, string | number | boolean> | undefined;
    if (this.span !== undefined) {
      attributes =
        requestBody === undefined ? {} : owner.requestAttributes(requestBody, operationName);
      attributes[ATTR.attemptNumber] = this.attempts.length + 1;
      if (move !== undefined) {
        attributes[ATTR.attemptKind] = move.kind;
        attributes[ATTR.attemptReason] = move.reason;
      }
    }
    const attempt = new UpstreamAttempt(
      report,
      target,
      owner.metrics?.target(providerInstance, providerName, operationName, modelLabel),
      this.span && owner.tracing,
      this.spanContext,
      attributes,
      this.span !== undefined && owner.settings.captureMessageContent
        ? new OutputCapture()
        : undefined,
    );
    this.attempts.push(attempt);
    return attempt;
  }

  /** The provider's promise settled with a result (streams stay open until the answer ends). */
  settleAttempt(attempt: UpstreamAttempt, result: { kind: string; body?: unknown }): void {
    attempt.settled(result);
    this.upstreamWaitMs += attempt.waitMs;
  }

  /** The attempt failed (or, for the router, ended): its metrics and span are final. */
  endAttempt(attempt: UpstreamAttempt, outcome: AttemptEnd): void {
    if (!attempt.isOpen) return;
    if (attempt.settledAt === undefined) this.upstreamWaitMs += attempt.waitMs;
    attempt.end(outcome);
  }

  /**
   * The router's verdict on the latest attempt, which failed before the commit point: it ends with
   * the router's status (504 for its own first-byte timeout) and reason (`rate_limited`, …).
   */
  attemptFailed(status: number, reason: string): void {
    const attempt = this.attempts.at(-1);
    if (attempt !== undefined) this.endAttempt(attempt, { status, reason });
  }

  /**
   * The router sends the next attempt to a deployment it tried before (`retry`, counted against that
   * deployment when the attempt starts) or to another one (`fallback`, counted against the one left).
   * `reason` is the router's reason for leaving (`rate_limited`, `server_error`, …).
   */
  retry(providerInstance: string, reason: string): void {
    this.move = { kind: 'retry', reason };
    this.moved('retry', providerInstance, reason);
  }

  fallback(providerInstance: string, reason: string): void {
    const metrics = this.owner.metrics;
    if (metrics !== undefined) metrics.countReason(metrics.fallbacks, providerInstance, reason);
    this.move = { kind: 'fallback', reason };
    this.moved('fallback', providerInstance, reason);
  }

  /** The SERVER span gets an event per move. */
  private moved(kind: 'retry' | 'fallback', from: string, reason: string): void {
    this.span?.addEvent(kind, { [ATTR.providerInstance]: from, [ATTR.attemptReason]: reason });
  }

  /** A gateway key limit refused the request (`requests`, `tokens`, `budget`, …). */
  limitRejected(limitKind: string): void {
    this.owner.limitRejected(limitKind);
  }

  /** The cost the keys feature computed for this request, in US dollars. */
  addCost(usd: number): void {
    if (!(usd >= 0)) return;
    this.costUsd = (this.costUsd ?? 0) + usd;
    const attempt = this.attempts.at(-1);
    if (attempt !== undefined)
      this.owner.metrics
        ?.target(
          attempt.target.providerInstance,
          attempt.target.providerName,
          attempt.target.operationName,
          attempt.target.modelLabel,
        )
        .cost()
        .inc(usd);
  }

  /** Milliseconds the gateway itself spent until now, not counting the upstream waits. */
  overheadMs(now = performance.now()): number {
    return Math.max(0, now - this.startedAt - this.upstreamWaitMs);
  }

  get upstreamMs(): number {
    return this.upstreamWaitMs;
  }

  /** `x-multi-ai-proxy-overhead-ms` and `Server-Timing` on the answer, just before its headers go out. */
  stampHeaders(ctx: Context): void {
    if (this.firstByteAt !== undefined || ctx.headerSent) return;
    const now = performance.now();
    this.firstByteAt = now;
    const overhead = this.overheadMs(now).toFixed(2);
    ctx.set('x-multi-ai-proxy-overhead-ms', overhead);
    ctx.set(
      'server-timing',
      this.attempts.length === 0
        ? `gateway;dur=${overhead}`
        : `gateway;dur=${overhead}, upstream;dur=${this.upstreamWaitMs.toFixed(2)}`,
    );
  }

  get traceId(): string | undefined {
    return this.span?.spanContext().traceId;
  }

  /** The answer ended (finished or aborted): open attempts end with it, the metrics and spans are final. */
  finish(ctx: Context, aborted: boolean): void {
    if (this.finished) return;
    this.finished = true;
    const status = aborted && !ctx.res.headersSent ? 499 : ctx.res.statusCode;
    for (const attempt of this.attempts)
      if (attempt.isOpen)
        attempt.end(aborted ? { status, errorType: 'client_closed' } : { status });
    const metrics = this.owner.metrics;
    if (metrics !== undefined && this.inbound !== undefined) {
      metrics.inboundSeries(this.inbound, false).inFlight.dec();
      const series = metrics.inboundSeries(this.inbound, this.stream);
      const last = this.attempts.at(-1)?.target;
      series
        .request(
          last?.providerInstance ?? NONE,
          last?.modelLabel ?? NO_MODEL,
          aborted ? 'aborted' : statusClassOf(status),
        )
        .inc();
      series.overhead.observe(this.overheadMs(this.firstByteAt) / 1000);
    }
    const span = this.span;
    const tracing = this.owner.tracing;
    if (span === undefined || tracing === undefined) return;
    const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute;
    if (route !== undefined) {
      span.updateName(`${ctx.method} ${route}`);
      span.setAttribute(ATTR.httpRoute, route);
    }
    span.setAttribute(ATTR.httpStatus, status);
    if (this.attempts.length > 0) span.setAttribute(ATTR.attemptCount, this.attempts.length);
    const errorType = aborted ? 'client_closed' : classifyErrorType(status);
    if (errorType !== undefined && status >= 500)
      span.setStatus({ code: tracing.spanStatusCode.ERROR });
    if (errorType !== undefined) span.setAttribute(ATTR.errorType, errorType);
    span.end();
  }
}
