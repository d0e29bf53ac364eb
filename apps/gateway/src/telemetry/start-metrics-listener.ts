import { createServer, type Server } from 'node:http';
import type { ListenAddress } from '../config/parse-listen-address.js';
import type { GatewayMetrics } from './gateway-metrics.js';

/**
 * A listener of its own for `/metrics` (MULTI_AI_PROXY_METRICS_ADDRESS), so the scrape endpoint need
 * not share the public port. Answers `GET /metrics` only; 404 for anything else.
 */
export async function startMetricsListener(
  metrics: GatewayMetrics,
  address: ListenAddress,
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Not found: this listener serves GET /metrics only.\n');
      return;
    }
    metrics.text().then(
      (text) =>
        response
          .writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' })
          .end(request.method === 'HEAD' ? undefined : text),
      () =>
        response
          .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          .end('metrics collection failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => resolve());
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : address.port;
  const host = address.host ?? '0.0.0.0';
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics` };
}
