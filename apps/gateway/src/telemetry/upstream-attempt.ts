import type { CallTelemetryV1 } from '@multi-ai-proxy/core';
import type { Context, Span } from '@opentelemetry/api';
import type { OutputCapture } from './capture-message-content.js';
import { classifyErrorType, type ErrorType } from './classify-error-type.js';
import { ATTR } from './gen-ai-attributes.js';
import type { TargetSeries } from './gateway-metrics.js';
import { noteOpenAIAnswer } from './note-openai-answer.js';
import { scanOpenAIBytes } from './scan-openai-bytes.js';
import type { TracingApi } from './tracing-api.js';

/** What an attempt is aimed at, for labels and span attributes (all from configuration). */
export interface AttemptTarget {
  providerInstance: string;
  providerName: string;
  operationName: string;
  /** The `gen_ai_request_model` label (closed set) and the routed model for span attributes. */
  modelLabel: string;
  model: string | undefined;
  upstreamModel: string | undefined;
  stream: boolean;
}

/** How an attempt ended, as the router (or the host, for a single attempt) reports it. */
export interface AttemptEnd {
  status: number;
  /** Overrides the error type derived from the status (`client_closed` for an abort). */
  errorType?: ErrorType;
  /** The router's failure reason of a failed routed attempt. */
  reason?: string;
}

/**
 * One upstream call: its own span (CLIENT, a child of the request's SERVER span, so retries and
 * fallbacks are siblings) and its metrics. `report` is handed to the provider as `context.telemetry`;
 * whatever the provider leaves unset is read from the OpenAI-shaped answer here.
 */
export class UpstreamAttempt {
  readonly startedAt = performance.now();
  settledAt: number | undefined;
  /** The first chunk the host saw (when the provider did not report `firstChunkAt`). */
  private firstChunkSeenAt: number | undefined;
  private chunks = 0;
  private ended = false;
  private readonly span: Span | undefined;

  constructor(
    readonly report: CallTelemetryV1,
    readonly target: AttemptTarget,
    private readonly series: TargetSeries | undefined,
    private readonly tracing: TracingApi | undefined,
    parent: Context | undefined,
    attributes?: Record<string, string | number | boolean>,
    /** Assembles the answer for `gen_ai.output.messages` (content capture on, span sampled). */
    private readonly capture?: OutputCapture,
  ) {
    if (tracing === undefined) return;
    // The sampling-relevant attributes go in at start (GenAI conventions).
    this.span = tracing.tracer.startSpan(
      `${target.operationName} ${target.model ?? target.providerInstance}`,
      {
        kind: tracing.spanKind.CLIENT,
        startTime: performance.timeOrigin + this.startedAt,
        attributes: {
          [ATTR.operationName]: target.operationName,
          [ATTR.providerName]: target.providerName,
          [ATTR.providerInstance]: target.providerInstance,
          [ATTR.requestStream]: target.stream,
          ...(target.model === undefined ? {} : { [ATTR.requestModel]: target.model }),
          ...(target.upstreamModel === undefined
            ? {}
            : { [ATTR.upstreamModel]: target.upstreamModel }),
          ...attributes,
        },
      },
      parent,
    );
  }

  /** The provider's promise resolved: headers are in (streams) or the whole answer is (JSON). */
  settled(result: { kind: string; body?: unknown }): void {
    this.settledAt = performance.now();
    if (result.kind === 'json') {
      noteOpenAIAnswer(result.body, this.report);
      this.capture?.answer(result.body);
    } else if (result.kind === 'raw' && Buffer.isBuffer(result.body)) {
      scanOpenAIBytes(result.body, this.report);
      this.capture?.answerBytes(result.body);
    }
  }

  /** One chunk of a `chunks` result, as the host writes it. */
  observeChunk(chunk: unknown): void {
    if (this.chunks++ === 0) this.firstChunkSeenAt = performance.now();
    noteOpenAIAnswer(chunk, this.report);
    this.capture?.chunk(chunk);
  }

  /** One piece of a raw (passthrough) stream, as the host writes it. */
  observeBytes(piece: Buffer): void {
    if (this.firstChunkSeenAt === undefined) this.firstChunkSeenAt = performance.now();
    scanOpenAIBytes(piece, this.report);
    this.capture?.bytes(piece);
  }

  /** Milliseconds spent waiting on the upstream before the answer (or its headers) was in hand. */
  get waitMs(): number {
    return (this.settledAt ?? performance.now()) - this.startedAt;
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  end(outcome: AttemptEnd): void {
    if (this.ended) return;
    this.ended = true;
    const endedAt = performance.now();
    const errorType = outcome.errorType ?? classifyErrorType(outcome.status);
    const report = this.report;
    const usage = report.usage;
    const firstChunkAt = report.firstChunkAt ?? this.firstChunkSeenAt;
    const series = this.series;
    if (series !== undefined) {
      series.duration(errorType).observe((endedAt - this.startedAt) / 1000);
      series.attempt(errorType ?? 'ok').inc();
      if (usage !== undefined) series.countUsage(usage);
      if (this.target.stream && firstChunkAt !== undefined && errorType === undefined) {
        series.timeToFirstChunk().observe((firstChunkAt - this.startedAt) / 1000);
        if (this.chunks > 1)
          series.timePerOutputChunk().observe((endedAt - firstChunkAt) / 1000 / (this.chunks - 1));
      }
    }
    const span = this.span;
    const tracing = this.tracing;
    if (span === undefined || tracing === undefined) return;
    if (report.responseModel !== undefined)
      span.setAttribute(ATTR.responseModel, report.responseModel);
    if (report.responseId !== undefined) span.setAttribute(ATTR.responseId, report.responseId);
    if (report.finishReasons !== undefined)
      span.setAttribute(ATTR.responseFinishReasons, report.finishReasons);
    if (usage?.inputTokens !== undefined) span.setAttribute(ATTR.inputTokens, usage.inputTokens);
    if (usage?.outputTokens !== undefined) span.setAttribute(ATTR.outputTokens, usage.outputTokens);
    if (usage?.cachedInputTokens !== undefined)
      span.setAttribute(ATTR.cacheReadInputTokens, usage.cachedInputTokens);
    if (usage?.reasoningTokens !== undefined)
      span.setAttribute(ATTR.reasoningOutputTokens, usage.reasoningTokens);
    if (this.target.stream && firstChunkAt !== undefined)
      span.setAttribute(ATTR.responseTimeToFirstChunk, (firstChunkAt - this.startedAt) / 1000);
    if (report.serverAddress !== undefined)
      span.setAttribute(ATTR.serverAddress, report.serverAddress);
    if (report.serverPort !== undefined) span.setAttribute(ATTR.serverPort, report.serverPort);
    const output = this.capture?.value;
    if (output !== undefined) span.setAttribute(ATTR.outputMessages, output);
    if (outcome.reason !== undefined) span.setAttribute(ATTR.failureReason, outcome.reason);
    if (errorType !== undefined) {
      span.setAttribute(ATTR.errorType, errorType);
      span.setStatus({ code: tracing.spanStatusCode.ERROR });
    }
    span.end(performance.timeOrigin + endedAt);
  }
}
