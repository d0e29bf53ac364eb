import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ClusterMetricsClient } from './cluster-metrics.js';
import {
  type FastCounter,
  type FastGauge,
  type FastHistogram,
  fastCounter,
  fastGauge,
  fastHistogram,
} from './fast-series.js';
import type { TelemetryUsageV1 } from '@multi-ai-proxy/core';
import type { ErrorType } from './classify-error-type.js';
import type { InboundApi } from './gen-ai-names.js';
import {
  DURATION_BUCKETS,
  OVERHEAD_BUCKETS,
  TIME_PER_OUTPUT_CHUNK_BUCKETS,
  TIME_TO_FIRST_CHUNK_BUCKETS,
  TOKEN_BUCKETS,
} from './metric-buckets.js';

const REASON_PATTERN = /^[a-z0-9_]{1,40}$/;
// The `gen_ai.operation.name` values that are inference (the rest: embeddings, passthrough).
const INFERENCE = new Set(['chat', 'text_completion', 'generate_content']);

/** Token kinds of `multi_ai_proxy_tokens_total` (the GenAI histogram has only input and output). */
export type TokenKind = 'input' | 'output' | 'cache_read' | 'reasoning';

/** Who served an attempt, as labels: every value comes from a closed set (see ModelLabelSet). */
export interface SeriesTarget {
  providerInstance: string;
  providerName: string;
  operationName: string;
  modelLabel: string;
}

/**
 * The label children of one (provider instance, model label, operation) target, made on first use and
 * kept: the hot path does two Map lookups and calls `observe`/`inc` on a child — no label objects,
 * no label hashing per request.
 */
export class TargetSeries {
  private readonly durations = new Map<ErrorType | '', FastHistogram>();
  private readonly attempts = new Map<string, FastCounter>();
  private tokenUsage?: [FastHistogram, FastHistogram];
  private tokenTotals?: Record<TokenKind, FastCounter>;
  private inferenceUsage?: Record<TokenKind, FastCounter>;
  private firstChunk?: FastHistogram;
  private perChunk?: FastHistogram;
  private costChild?: FastCounter;
  private cooldownChild?: FastGauge;

  constructor(
    private readonly metrics: GatewayMetrics,
    readonly target: SeriesTarget,
  ) {}

  private genAiLabels(): Record<string, string> {
    const { providerInstance, providerName, operationName, modelLabel } = this.target;
    return {
      gen_ai_operation_name: operationName,
      gen_ai_provider_name: providerName,
      gen_ai_request_model: modelLabel,
      provider_instance: providerInstance,
    };
  }

  duration(errorType: ErrorType | undefined): FastHistogram {
    const key = errorType ?? '';
    let child = this.durations.get(key);
    if (child === undefined) {
      child = fastHistogram(this.metrics.durationOf(this.target.operationName), {
        ...this.genAiLabels(),
        error_type: key,
      });
      this.durations.set(key, child);
    }
    return child;
  }

  attempt(outcome: string): FastCounter {
    let child = this.attempts.get(outcome);
    if (child === undefined) {
      child = fastCounter(this.metrics.upstreamAttempts, {
        provider_instance: this.target.providerInstance,
        gen_ai_request_model: this.target.modelLabel,
        outcome,
      });
      this.attempts.set(outcome, child);
    }
    return child;
  }

  /** One attempt's token counts: the GenAI histograms (and counters, latest names) and `multi_ai_proxy_tokens_total`. */
  countUsage(usage: TelemetryUsageV1): void {
    const metrics = this.metrics;
    if (this.tokenUsage === undefined) {
      const labels = this.genAiLabels();
      this.tokenUsage =
        metrics.inputTokens !== undefined && metrics.outputTokens !== undefined
          ? [
              fastHistogram(metrics.inputTokens, labels),
              fastHistogram(metrics.outputTokens, labels),
            ]
          : [
              fastHistogram(metrics.tokenUsage, { ...labels, gen_ai_token_type: 'input' }),
              fastHistogram(metrics.tokenUsage, { ...labels, gen_ai_token_type: 'output' }),
            ];
      const totals = (type: TokenKind) =>
        fastCounter(metrics.tokensTotal, {
          provider_instance: this.target.providerInstance,
          gen_ai_request_model: this.target.modelLabel,
          gen_ai_token_type: type,
        });
      this.tokenTotals = {
        input: totals('input'),
        output: totals('output'),
        cache_read: totals('cache_read'),
        reasoning: totals('reasoning'),
      };
      const counters = metrics.inferenceUsage;
      if (counters !== undefined)
        this.inferenceUsage = {
          input: fastCounter(counters.input, labels),
          output: fastCounter(counters.output, labels),
          cache_read: fastCounter(counters.cache_read, labels),
          reasoning: fastCounter(counters.reasoning, labels),
        };
    }
    const [input, output] = this.tokenUsage;
    const totals = this.tokenTotals as Record<TokenKind, FastCounter>;
    const counters = this.inferenceUsage;
    if (usage.inputTokens !== undefined) {
      input.observe(usage.inputTokens);
      totals.input.inc(usage.inputTokens);
      counters?.input.inc(usage.inputTokens);
    }
    if (usage.outputTokens !== undefined) {
      output.observe(usage.outputTokens);
      totals.output.inc(usage.outputTokens);
      counters?.output.inc(usage.outputTokens);
    }
    if (usage.cachedInputTokens) {
      totals.cache_read.inc(usage.cachedInputTokens);
      counters?.cache_read.inc(usage.cachedInputTokens);
    }
    if (usage.reasoningTokens) {
      totals.reasoning.inc(usage.reasoningTokens);
      counters?.reasoning.inc(usage.reasoningTokens);
    }
  }

  timeToFirstChunk(): FastHistogram {
    this.firstChunk ??= fastHistogram(this.metrics.timeToFirstChunk, this.genAiLabels());
    return this.firstChunk;
  }

  timePerOutputChunk(): FastHistogram {
    this.perChunk ??= fastHistogram(this.metrics.timePerOutputChunk, this.genAiLabels());
    return this.perChunk;
  }

  cost(): FastCounter {
    this.costChild ??= fastCounter(this.metrics.costUsd, {
      provider_instance: this.target.providerInstance,
      gen_ai_request_model: this.target.modelLabel,
    });
    return this.costChild;
  }

  cooldown(): FastGauge {
    this.cooldownChild ??= fastGauge(this.metrics.cooldown, {
      provider_instance: this.target.providerInstance,
      gen_ai_request_model: this.target.modelLabel,
    });
    return this.cooldownChild;
  }
}

/** Children of the per-request (inbound) metrics, by inbound API and stream flag. */
export class InboundSeries {
  private readonly requests = new Map<string, FastCounter>();
  readonly inFlight: FastGauge;
  readonly overhead: FastHistogram;

  constructor(
    private readonly metrics: GatewayMetrics,
    readonly inbound: InboundApi,
    readonly stream: boolean,
  ) {
    this.inFlight = fastGauge(metrics.requestsInFlight, { inbound_api: inbound });
    this.overhead = fastHistogram(metrics.overhead, {
      inbound_api: inbound,
      stream: String(stream),
    });
  }

  /** `multi_ai_proxy_requests_total` for a finished request; keyed by instance, model label and status class. */
  request(providerInstance: string, modelLabel: string, statusClass: string): FastCounter {
    // Three closed sets: the key is short and the concatenation the one string made per request.
    const key = `${providerInstance}\u0000${modelLabel}\u0000${statusClass}`;
    let child = this.requests.get(key);
    if (child === undefined) {
      child = fastCounter(this.metrics.requestsTotal, {
        inbound_api: this.inbound,
        provider_instance: providerInstance,
        gen_ai_request_model: modelLabel,
        stream: String(this.stream),
        status_class: statusClass,
      });
      this.requests.set(key, child);
    }
    return child;
  }
}

/**
 * The gateway's Prometheus registry: the OpenTelemetry GenAI client metrics under their released
 * names (dots → underscores, unit suffix), the gateway's own `multi_ai_proxy_*` metrics, and Node's
 * process metrics. Every label value comes from a closed set.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly operationDuration: Histogram<string>;
  /** Latest names only: inference calls' duration (`gen_ai.client.operation.duration` "is not for inference" there). */
  readonly inferenceDuration: Histogram<string> | undefined;
  readonly tokenUsage: Histogram<string>;
  /** Latest names only: tokens per call without a type label, and the usage counters by kind. */
  readonly inputTokens: Histogram<string> | undefined;
  readonly outputTokens: Histogram<string> | undefined;
  readonly inferenceUsage: Record<TokenKind, Counter<string>> | undefined;
  readonly timeToFirstChunk: Histogram<string>;
  readonly timePerOutputChunk: Histogram<string>;
  readonly requestsTotal: Counter<string>;
  readonly requestsInFlight: Gauge<string>;
  readonly overhead: Histogram<string>;
  readonly upstreamAttempts: Counter<string>;
  readonly retries: Counter<string>;
  readonly fallbacks: Counter<string>;
  readonly cooldown: Gauge<string>;
  readonly limitRejections: Counter<string>;
  readonly costUsd: Counter<string>;
  readonly tokensTotal: Counter<string>;

  private readonly targets = new Map<string, Map<string, Map<string, TargetSeries>>>();
  private readonly inbound = new Map<
    InboundApi,
    [InboundSeries | undefined, InboundSeries | undefined]
  >();
  private readonly reasonCounters = new Map<string, FastCounter>();
  private cluster: ClusterMetricsClient | undefined;

  /**
   * `latestGenAi` (OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental): the GenAI metrics under
   * the newest names of the conventions' main branch (`gen_ai_client_inference_*`) instead of the
   * released ones; embeddings keep `gen_ai_client_operation_duration_seconds`.
   */
  constructor(latestGenAi = false) {
    const registers = [this.registry];
    const genAi = [
      'gen_ai_operation_name',
      'gen_ai_provider_name',
      'gen_ai_request_model',
      'provider_instance',
    ];
    this.operationDuration = new Histogram({
      name: 'gen_ai_client_operation_duration_seconds',
      help: 'Duration of one upstream GenAI call (one attempt), to the end of its stream.',
      labelNames: [...genAi, 'error_type'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.inferenceDuration = latestGenAi
      ? new Histogram({
          name: 'gen_ai_client_inference_duration_seconds',
          help: 'Duration of one upstream inference call (one attempt), to the end of its stream.',
          labelNames: [...genAi, 'error_type'],
          buckets: DURATION_BUCKETS,
          registers,
        })
      : undefined;
    // Latest names: the typed histogram is replaced (kept out of the registry, never observed).
    this.tokenUsage = new Histogram({
      name: 'gen_ai_client_token_usage',
      help: 'Tokens per upstream call, by gen_ai_token_type (input, output).',
      labelNames: [...genAi, 'gen_ai_token_type'],
      buckets: TOKEN_BUCKETS,
      registers: latestGenAi ? [] : registers,
    });
    const tokenHistogram = (kind: 'input' | 'output') =>
      new Histogram({
        name: `gen_ai_client_inference_operation_${kind}_tokens`,
        help: `${kind === 'input' ? 'Input' : 'Output'} tokens per upstream inference call.`,
        labelNames: genAi,
        buckets: TOKEN_BUCKETS,
        registers,
      });
    this.inputTokens = latestGenAi ? tokenHistogram('input') : undefined;
    this.outputTokens = latestGenAi ? tokenHistogram('output') : undefined;
    const usageCounter = (name: string, help: string) =>
      new Counter({
        name: `gen_ai_client_inference_usage_${name}_total`,
        help,
        labelNames: genAi,
        registers,
      });
    this.inferenceUsage = latestGenAi
      ? {
          input: usageCounter('input_tokens', 'Input tokens of upstream inference calls.'),
          output: usageCounter('output_tokens', 'Output tokens of upstream inference calls.'),
          cache_read: usageCounter(
            'cache_read_input_tokens',
            'Input tokens served from the upstream prompt cache (part of input).',
          ),
          reasoning: usageCounter(
            'reasoning_output_tokens',
            'Output tokens spent on reasoning (part of output).',
          ),
        }
      : undefined;
    const chunkPrefix = latestGenAi ? 'gen_ai_client_inference' : 'gen_ai_client_operation';
    this.timeToFirstChunk = new Histogram({
      name: `${chunkPrefix}_time_to_first_chunk_seconds`,
      help: 'Time from starting a streamed upstream call to its first chunk.',
      labelNames: genAi,
      buckets: TIME_TO_FIRST_CHUNK_BUCKETS,
      registers,
    });
    this.timePerOutputChunk = new Histogram({
      name: `${chunkPrefix}_time_per_output_chunk_seconds`,
      help: 'Mean time between chunks of a streamed upstream call, after the first.',
      labelNames: genAi,
      buckets: TIME_PER_OUTPUT_CHUNK_BUCKETS,
      registers,
    });
    this.requestsTotal = new Counter({
      name: 'multi_ai_proxy_requests_total',
      help: 'Model requests answered, by inbound API, provider instance, model, stream and status class.',
      labelNames: [
        'inbound_api',
        'provider_instance',
        'gen_ai_request_model',
        'stream',
        'status_class',
      ],
      registers,
    });
    this.requestsInFlight = new Gauge({
      name: 'multi_ai_proxy_requests_in_flight',
      help: 'Model requests being answered now.',
      labelNames: ['inbound_api'],
      registers,
    });
    this.overhead = new Histogram({
      name: 'multi_ai_proxy_overhead_seconds',
      help: 'Time the gateway itself spent on a request before its first byte: total minus the time waiting on upstreams.',
      labelNames: ['inbound_api', 'stream'],
      buckets: OVERHEAD_BUCKETS,
      registers,
    });
    this.upstreamAttempts = new Counter({
      name: 'multi_ai_proxy_upstream_attempts_total',
      help: 'Upstream calls made, by provider instance, model and outcome (ok or an error type).',
      labelNames: ['provider_instance', 'gen_ai_request_model', 'outcome'],
      registers,
    });
    this.retries = new Counter({
      name: 'multi_ai_proxy_retries_total',
      help: 'Attempts retried on the same target, by reason.',
      labelNames: ['provider_instance', 'reason'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'multi_ai_proxy_fallbacks_total',
      help: 'Requests moved to a fallback target, by the target left and the reason.',
      labelNames: ['provider_instance', 'reason'],
      registers,
    });
    this.cooldown = new Gauge({
      name: 'multi_ai_proxy_deployment_cooldown',
      help: '1 while a deployment (provider instance and model) is cooling down, else 0.',
      labelNames: ['provider_instance', 'gen_ai_request_model'],
      // Across workers: cooling if any worker sees it cooling (a sum would say 2).
      aggregator: 'max',
      registers,
    });
    this.limitRejections = new Counter({
      name: 'multi_ai_proxy_limit_rejections_total',
      help: 'Requests refused by a gateway key limit, by limit kind.',
      labelNames: ['limit_kind'],
      registers,
    });
    this.costUsd = new Counter({
      name: 'multi_ai_proxy_cost_usd_total',
      help: 'Estimated upstream cost in US dollars.',
      labelNames: ['provider_instance', 'gen_ai_request_model'],
      registers,
    });
    this.tokensTotal = new Counter({
      name: 'multi_ai_proxy_tokens_total',
      help: 'Tokens counted, by type (input, output, cache_read, reasoning; cached and reasoning tokens are part of input and output).',
      labelNames: ['provider_instance', 'gen_ai_request_model', 'gen_ai_token_type'],
      registers,
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** The duration histogram of an operation: inference calls have their own under the latest names. */
  durationOf(operationName: string): Histogram<string> {
    return this.inferenceDuration !== undefined && INFERENCE.has(operationName)
      ? this.inferenceDuration
      : this.operationDuration;
  }

  target(
    providerInstance: string,
    providerName: string,
    operationName: string,
    modelLabel: string,
  ): TargetSeries {
    let byModel = this.targets.get(providerInstance);
    if (byModel === undefined) {
      byModel = new Map();
      this.targets.set(providerInstance, byModel);
    }
    let byOperation = byModel.get(modelLabel);
    if (byOperation === undefined) {
      byOperation = new Map();
      byModel.set(modelLabel, byOperation);
    }
    let series = byOperation.get(operationName);
    if (series === undefined) {
      series = new TargetSeries(this, {
        providerInstance,
        providerName,
        operationName,
        modelLabel,
      });
      byOperation.set(operationName, series);
    }
    return series;
  }

  inboundSeries(inbound: InboundApi, stream: boolean): InboundSeries {
    let pair = this.inbound.get(inbound);
    if (pair === undefined) {
      pair = [undefined, undefined];
      this.inbound.set(inbound, pair);
    }
    const index = stream ? 1 : 0;
    let series = pair[index];
    if (series === undefined) {
      series = new InboundSeries(this, inbound, stream);
      pair[index] = series;
    }
    return series;
  }

  /** Retries and fallbacks happen rarely: a keyed lookup is cheap enough there. */
  countReason(counter: Counter<string>, providerInstance: string, reason: string): void {
    // Reasons are the router's enum; anything else (free text by mistake) must not mint series.
    if (!REASON_PATTERN.test(reason)) reason = 'other';
    const key = `${counter === this.retries ? 'r' : 'f'}\u0000${providerInstance}\u0000${reason}`;
    let child = this.reasonCounters.get(key);
    if (child === undefined) {
      child = fastCounter(counter, { provider_instance: providerInstance, reason });
      this.reasonCounters.set(key, child);
    }
    child.inc();
  }

  /**
   * In a worker of a group (MULTI_AI_PROXY_WORKERS > 1): a scrape answers with every worker's
   * metrics, aggregated by the primary, instead of this worker's alone.
   */
  aggregateAcrossWorkers(): void {
    this.cluster ??= new ClusterMetricsClient(this.registry);
  }

  text(): Promise<string> {
    return this.cluster !== undefined ? this.cluster.text() : this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
