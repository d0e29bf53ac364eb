import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: Record<string, unknown>) => void;

/** A loopback upstream for the fake plugin that records what it received and whether the client hung up. */
export async function startMockUpstream(handlers: Record<string, Handler>) {
  const received: ReceivedRequest[] = [];
  const closedEarly: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
      received.push({ method: request.method ?? '', path: request.url ?? '', body });
      response.once('close', () => {
        if (!response.writableFinished) closedEarly.push(request.url ?? '');
      });
      const handler = handlers[`${request.method} ${request.url}`];
      if (handler === undefined) {
        response.writeHead(404).end('no handler');
        return;
      }
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    closedEarly,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
