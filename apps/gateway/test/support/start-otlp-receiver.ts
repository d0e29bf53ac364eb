import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values: OtlpValue[] };
}

/** One span as OTLP/HTTP JSON carries it (the fields the tests read). */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: OtlpValue }>;
  status?: { code?: number };
}

/** OTLP span kinds and status codes. */
export const SPAN_KIND = { SERVER: 2, CLIENT: 3 } as const;
export const STATUS_ERROR = 2;

export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>`: the gateway's OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  /** Every span received so far, in arrival order. */
  spans: OtlpSpan[];
  /** The resource attributes of every export received. */
  resources: Array<Record<string, unknown>>;
  /** Polls (50 ms, at most 5 s) until `predicate` holds. */
  waitFor(predicate: (spans: OtlpSpan[]) => boolean): Promise<void>;
  close(): Promise<void>;
}

/** An in-process OTLP/HTTP (JSON) trace receiver on loopback: answers `{}` and keeps the spans. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: OtlpSpan[] = [];
  const resources: Array<Record<string, unknown>> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: Array<{
            resource: { attributes: OtlpSpan['attributes'] };
            scopeSpans: Array<{ spans: OtlpSpan[] }>;
          }>;
        };
        for (const resourceSpans of body.resourceSpans) {
          resources.push(toRecord(resourceSpans.resource.attributes));
          for (const scope of resourceSpans.scopeSpans) spans.push(...scope.spans);
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    resources,
    waitFor: async (predicate) => {
      for (let tries = 0; tries < 100 && !predicate(spans); tries++)
        await new Promise((resolve) => setTimeout(resolve, 50));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function readOtlpValue(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return value.arrayValue.values.map(readOtlpValue);
  return undefined;
}

const toRecord = (attributes: OtlpSpan['attributes']) =>
  Object.fromEntries(
    attributes.map((attribute) => [attribute.key, readOtlpValue(attribute.value)]),
  );

/** A span's attributes as a plain object. */
export const attributesOf = (span: OtlpSpan): Record<string, unknown> => toRecord(span.attributes);
