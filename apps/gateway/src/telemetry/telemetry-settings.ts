import type { EnvV1 } from '@multi-ai-proxy/core';
import { ConfigError } from '../config/config-error.js';
import { type ListenAddress, parseListenAddress } from '../config/parse-listen-address.js';

export interface TelemetrySettings {
  /** `MULTI_AI_PROXY_METRICS` (default on): whether `/metrics` exists at all. */
  metrics: boolean;
  /** `MULTI_AI_PROXY_METRICS_ADDRESS`: serve `/metrics` there instead of on the main port. */
  metricsAddress: ListenAddress | undefined;
  /** On when an OTLP traces endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT` or `…_TRACES_ENDPOINT`), unless `OTEL_SDK_DISABLED=true`. */
  tracing: boolean;
  /** `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true`: record prompts and answers on spans. */
  captureMessageContent: boolean;
}

/** The observability switches, from the environment (standard `OTEL_*` names where one exists). */
export function loadTelemetrySettings(env: EnvV1): TelemetrySettings {
  const metricsValue = (env.MULTI_AI_PROXY_METRICS ?? 'on').trim().toLowerCase();
  if (metricsValue !== 'on' && metricsValue !== 'off') {
    throw new ConfigError('MULTI_AI_PROXY_METRICS', `must be "on" or "off", got "${env.MULTI_AI_PROXY_METRICS}".`);
  }
  const addressValue = env.MULTI_AI_PROXY_METRICS_ADDRESS?.trim();
  const metricsAddress = addressValue ? parseListenAddress(addressValue) : undefined;
  if (addressValue && metricsAddress === undefined) {
    throw new ConfigError('MULTI_AI_PROXY_METRICS_ADDRESS', `must be host:port (e.g. 127.0.0.1:9464), got "${addressValue}".`);
  }
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none';
  return {
    metrics: metricsValue === 'on',
    metricsAddress,
    tracing: Boolean(endpoint) && !disabled,
    captureMessageContent: env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() === 'true',
  };
}
