import type { Context } from 'koa';
import type { LoadedProvider } from '../plugins/loaded-provider.js';
import { captureInput } from './capture-message-content.js';
import { ATTR } from './gen-ai-attributes.js';
import { genAiProviderNameOf } from './gen-ai-names.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { ModelLabelSet } from './model-label-set.js';
import { RequestTelemetry } from './request-telemetry.js';
import type { TracingApi } from './tracing-api.js';
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
  readonly labels: ModelLabelSet;
  private readonly providerNames: ReadonlyMap<string, string>;

  constructor(
    readonly settings: TelemetrySettings,
    entries: readonly LoadedProvider[],
    configuredNames: { has(name: string): boolean },
    /** The tracing API and tracer when the SDK was started (startTracingSdk), else undefined. */
    readonly tracing: TracingApi | undefined,
  ) {
    this.metrics = settings.metrics
      ? new GatewayMetrics(settings.genAiLatestExperimental)
      : undefined;
    this.labels = new ModelLabelSet(configuredNames);
    this.providerNames = new Map(
      entries.map((entry) => [entry.provider.instanceName, genAiProviderNameOf(entry)]),
    );
  }

  startRequest(ctx: Context): RequestTelemetry {
    return new RequestTelemetry(this, ctx, this.tracing !== undefined && !UNTRACED.has(ctx.path));
  }

  providerNameOf(instanceName: string): string {
    return this.providerNames.get(instanceName) ?? instanceName;
  }

  /**
   * `multi_ai_proxy_deployment_cooldown` of the model groups' deployments (`instance/model`), read from
   * the router's state store at each scrape — the shared state when the store is Redis, so every
   * replica reports the same; a store that cannot answer leaves the last values.
   */
  watchCooldowns(
    deploymentIds: readonly string[],
    cooling: (
      ids: readonly string[],
    ) => Promise<ReadonlyMap<string, unknown>> | ReadonlyMap<string, unknown>,
  ): void {
    const metrics = this.metrics;
    if (metrics === undefined || deploymentIds.length === 0) return;
    const ids = [...new Set(deploymentIds)];
    const gauges = ids.map((id) => {
      const slash = id.indexOf('/');
      const instance = slash < 0 ? id : id.slice(0, slash);
      // Deployment targets are configuration: their models are a closed set.
      return metrics
        .target(instance, this.providerNameOf(instance), '', id.slice(slash + 1))
        .cooldown();
    });
    // prom-client calls a metric's `collect` before reading it (typed on the config only).
    (metrics.cooldown as unknown as { collect: () => Promise<void> }).collect = async () => {
      try {
        const now = await cooling(ids);
        for (const [index, id] of ids.entries()) gauges[index]?.set(now.has(id) ? 1 : 0);
      } catch {
        // The store is unreachable: the router fails open; the gauge keeps what it last knew.
      }
    };
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
  requestAttributes(
    body: Record<string, unknown>,
    operationName: string,
  ): Record<string, string | number | boolean> {
    const attributes: Record<string, string | number | boolean> = {};
    const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? body.max_output_tokens;
    if (typeof maxTokens === 'number') attributes[ATTR.requestMaxTokens] = maxTokens;
    if (typeof body.temperature === 'number')
      attributes[ATTR.requestTemperature] = body.temperature;
    if (typeof body.top_p === 'number') attributes[ATTR.requestTopP] = body.top_p;
    // Embeddings inputs are documents, not messages: never recorded.
    if (this.settings.captureMessageContent && operationName !== 'embeddings')
      captureInput(body, attributes);
    return attributes;
  }
}
