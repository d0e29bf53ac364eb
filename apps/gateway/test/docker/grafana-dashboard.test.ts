// Every metric docker/grafana/multi-ai-proxy.json queries is one the gateway registers, so the
// dashboard cannot silently show "No data" after a rename. Also: it is valid JSON with the variables it uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/telemetry/gateway-metrics.js';

const dashboard = JSON.parse(
  readFileSync(new URL('../../../../docker/grafana/multi-ai-proxy.json', import.meta.url), 'utf8'),
) as {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  templating: { list: Array<{ name: string; query?: unknown }> };
};

const METRIC = /\b((?:gen_ai|multi_ai_proxy|process|nodejs)_[a-z0-9_]+)\b/g;
const HISTOGRAM_SUFFIX = /_(bucket|sum|count)$/;

describe('Grafana dashboard', () => {
  it('queries only metrics the gateway exports', async () => {
    const registered = await new GatewayMetrics().registry.getMetricsAsJSON();
    const exported = new Map(registered.map((metric) => [metric.name, String(metric.type)]));
    // Label names share the prefixes (gen_ai_request_model): a name followed by = ~ ! or listed in by (…) is a label.
    const labelNames = new Set([
      'gen_ai_request_model',
      'gen_ai_provider_name',
      'gen_ai_operation_name',
      'gen_ai_token_type',
    ]);
    const queried = new Set<string>();
    const expressions = [
      ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)),
      ...dashboard.templating.list.map((variable) => JSON.stringify(variable.query ?? '')),
    ];
    for (const expression of expressions)
      for (const match of expression.matchAll(METRIC))
        if (!labelNames.has(match[1]!)) queried.add(match[1]!);
    expect(queried.size).toBeGreaterThan(10);
    // A histogram is queried through its _bucket/_sum/_count series, never by its bare name.
    const isExported = (name: string) => {
      const type = exported.get(name);
      if (type !== undefined) return type !== 'histogram';
      const base = name.replace(HISTOGRAM_SUFFIX, '');
      return base !== name && exported.get(base) === 'histogram';
    };
    const missing = [...queried].filter((name) => !isExported(name));
    expect(missing).toEqual([]);
  });

  it('covers traffic, errors, latency, first chunk, tokens, cost, overhead, retries, fallbacks, cooldowns and limits', () => {
    const all = dashboard.panels
      .map((panel) => panel.targets.map((target) => target.expr).join(' '))
      .join('\n');
    for (const name of [
      'multi_ai_proxy_requests_total',
      'gen_ai_client_operation_duration_seconds_bucket',
      'gen_ai_client_operation_time_to_first_chunk_seconds_bucket',
      'multi_ai_proxy_tokens_total',
      'multi_ai_proxy_cost_usd_total',
      'multi_ai_proxy_overhead_seconds_bucket',
      'multi_ai_proxy_retries_total',
      'multi_ai_proxy_fallbacks_total',
      'multi_ai_proxy_deployment_cooldown',
      'multi_ai_proxy_limit_rejections_total',
    ]) {
      expect(all).toContain(name);
    }
    for (const variable of ['$instance', '$model', '${datasource}'])
      expect(JSON.stringify(dashboard)).toContain(variable);
  });
});
