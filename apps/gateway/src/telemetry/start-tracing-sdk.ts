import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { EnvV1 } from '@multi-ai-proxy/core';
import type { TracingApi } from './tracing-api.js';

export interface TracingSdk {
  /** Exports the spans still queued, then stops. */
  shutdown(): Promise<void>;
  /** The API the gateway's spans use, its tracer from the provider just registered. */
  api: TracingApi;
}

/**
 * Registers the OpenTelemetry trace SDK: a BasicTracerProvider (sampler from `OTEL_TRACES_SAMPLER`),
 * a batch processor and the OTLP HTTP exporter (`OTEL_EXPORTER_OTLP_PROTOCOL`: `http/protobuf`, the
 * default, or `http/json`; endpoint and headers from the standard variables), the W3C trace-context
 * propagator, and a resource from `OTEL_SERVICE_NAME`/`OTEL_RESOURCE_ATTRIBUTES`. Loaded with
 * `import()` only when tracing is on, so the SDK costs nothing otherwise. No auto-instrumentation:
 * the gateway makes its spans by hand (two per request).
 */
export async function startTracingSdk(env: EnvV1, version: string): Promise<TracingSdk> {
  // The SDK reads process.env; the gateway's environment also holds `.env`, where operators may set them.
  for (const [name, value] of Object.entries(env))
    if (name.startsWith('OTEL_') && process.env[name] === undefined && value !== undefined)
      process.env[name] = value;
  const [
    { BasicTracerProvider, BatchSpanProcessor },
    { W3CTraceContextPropagator },
    { detectResources, envDetector, resourceFromAttributes },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
  ]);
  const protocol = (
    process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ??
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL ??
    'http/protobuf'
  ).trim();
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new Error(
      `OTEL_EXPORTER_OTLP_PROTOCOL "${protocol}" is not supported: use http/protobuf or http/json (gRPC is not bundled).`,
    );
  }
  const { OTLPTraceExporter } =
    protocol === 'http/json'
      ? await import('@opentelemetry/exporter-trace-otlp-http')
      : await import('@opentelemetry/exporter-trace-otlp-proto');
  const resource = resourceFromAttributes({
    'service.name': 'multi-ai-proxy',
    'service.version': version,
  }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    shutdown: () => provider.shutdown(),
    api: {
      tracer: trace.getTracer('multi-ai-proxy', version),
      trace,
      propagation,
      rootContext: ROOT_CONTEXT,
      spanKind: SpanKind,
      spanStatusCode: SpanStatusCode,
    },
  };
}
