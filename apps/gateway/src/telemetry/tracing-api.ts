import type * as OtelApi from '@opentelemetry/api';

/**
 * What the gateway's spans use of @opentelemetry/api, with the gateway's tracer. startTracingSdk
 * hands it over once the SDK is registered: the API's ES build (~50 modules) is loaded only when
 * tracing is on (every use sits behind a span that exists only then), not by every gateway at
 * start-up. prom-client's default metrics still require its CommonJS build, a separate copy.
 */
export interface TracingApi {
  readonly tracer: OtelApi.Tracer;
  readonly trace: OtelApi.TraceAPI;
  readonly propagation: OtelApi.PropagationAPI;
  readonly rootContext: OtelApi.Context;
  readonly spanKind: typeof OtelApi.SpanKind;
  readonly spanStatusCode: typeof OtelApi.SpanStatusCode;
}
