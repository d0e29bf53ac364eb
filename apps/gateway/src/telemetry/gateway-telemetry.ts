import { propagation, type Tracer, trace } from '@opentelemetry/api';
import type { Context } from 'koa';
import type { LoadedProvider } from '../plugins/loaded-provider.js';
import { captureInput } from './capture-message-content.js';
import { ATTR } from './gen-ai-attributes.js';
import { genAiProviderNameOf } from './gen-ai-names.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { ModelLabelSet } from './model-label-set.js';
import { RequestTelemetry } from './request-telemetry.js';
import type { TelemetrySettings } from '../config/gateway-settings.js';

const LIMIT_KIND = /^[a-z0-9_]{1,40}$/;
// Requests that are not API traffic get no span (probes and scrapes would drown the traces).
const UNTRACED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The gateway's telemetry, built once at startup: the metrics registry (when metrics are on), the
 * tracer (when the SDK was started), the closed model label set and the provider names. Hands each
 * request its RequestTelemetry; the router and the key limits report global state here.
 */
export class GatewayTelemetry {
  readonly metrics: GatewayMetrics | undefined;
  readonly tracer: Tracer | undefined;
  readonly labels: ModelLabelSet;
  readonly propagation = propagation;
  private readonly providerNames: ReadonlyMap<string, string>;

  constructor(
    readonly settings: TelemetrySettings,
    entries: readonly LoadedProvider[],
    configuredNames: { has(name: string): boolean },
    tracingStarted: boolean,
    version: string,
  ) {
    this.metrics = settings.metrics
      ? new GatewayMetrics(settings.genAiLatestExperimental)
      : undefined;
    this.tracer = tracingStarted ? trace.getTracer('multi-ai-proxy', version) : undefined;
    this.labels = new ModelLabelSet(configuredNames);
    this.providerNames = new Map(
      entries.map((entry) => [entry.provider.instanceName, genAiProviderNameOf(entry)]),
    );
  }

  startRequest(ctx: Context): RequestTelemetry {
    return new RequestTelemetry(this, ctx, this.tracer !== undefined && !UNTRACED.has(ctx.path));
  }

  providerNameOf(instanceName: string): string {
    return this.providerNames.get(instanceName) ?? instanceName;
  }

  /** The router's cooldown state of one deployment (provider instance and routed model). */
  setCooldown(providerInstance: string, modelLabel: string, coolingDown: boolean): void {
    const providerName = this.providerNameOf(providerInstance);
    this.metrics
      ?.target(providerInstance, providerName, '', modelLabel)
      .cooldown()
      .set(coolingDown ? 1 : 0);
  }

  limitRejected(limitKind: string): void {
    this.metrics?.limitRejections
      .labels({ limit_kind: LIMIT_KIND.test(limitKind) ? limitKind : 'other' })
      .inc();
  }

  /**
   * Request attributes of the GenAI CLIENT span (set at its start). Message content only with
   * OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true: prompts are the client's data.
   */
  requestAttributes(body: Record<string, unknown>): Record<string, string | number | boolean> {
    const attributes: Record<string, string | number | boolean> = {};
    const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? body.max_output_tokens;
    if (typeof maxTokens === 'number') attributes[ATTR.requestMaxTokens] = maxTokens;
    if (typeof body.temperature === 'number')
      attributes[ATTR.requestTemperature] = body.temperature;
    if (typeof body.top_p === 'number') attributes[ATTR.requestTopP] = body.top_p;
    if (this.settings.captureMessageContent) captureInput(body, attributes);
    return attributes;
  }
}
