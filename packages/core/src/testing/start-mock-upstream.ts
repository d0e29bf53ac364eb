import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the mock answers to one request. */
export interface MockUpstreamReply {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** A JSON value (serialised, `application/json`), or a string / bytes written as they are. */
  body?: unknown;
  /** Server-sent events: each entry is written as `data: <entry>\n\n` in its own write (objects as JSON). */
  sse?: readonly unknown[];
  /** Recorded SSE text (an `.sse.txt` fixture) written byte for byte. */
  rawSse?: string;
  /** Wait this long before sending the headers. */
  delayMs?: number;
  /** Wait this long between SSE events. */
  eventDelayMs?: number;
  /** Never send headers (an upstream that hangs); the socket stays open until the caller gives up. */
  hang?: boolean;
  /** Send headers and body / events, then keep the response open (a stream that stalls mid-way). */
  holdOpen?: boolean;
  /**
   * Write the first `afterEvents` entries of `sse`, then wait for `until` before writing the rest: a
   * stream the test releases, to prove the client got the first chunks before the upstream sent the last.
   */
  pause?: { afterEvents: number; until: PromiseLike<unknown> };
}

export interface MockUpstreamRoute {
  method?: string;
  /** Exact path (no query) or a pattern tested against path + query. */
  path: string | RegExp;
  reply:
    | MockUpstreamReply
    | ((request: RecordedUpstreamRequest) => MockUpstreamReply | Promise<MockUpstreamReply>);
  /** Answer only the first N matching requests (e.g. a 429 once, then success). */
  times?: number;
}

/** One request the mock received, for asserting the upstream side of a call. */
export interface RecordedUpstreamRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  path: string;
  /** Query without `?`. */
  search: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json(): unknown;
  /** True when the client closed the connection before the mock finished its response. */
  closedEarly: boolean;
  /** Resolves when the connection of this exchange closed (either side). */
  closed: Promise<void>;
}

export interface MockUpstream {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedUpstreamRequest[];
  /** Replaces the routes (e.g. per scenario) and forgets the recorded requests. */
  reset(routes?: readonly MockUpstreamRoute[]): void;
  /** Adds a route checked before the existing ones. */
  prepend(route: MockUpstreamRoute): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * A local upstream for tests: a plain node:http server on 127.0.0.1 and a random port that answers
 * from a route table (recorded fixtures) and records every request. Unmatched requests get a 404
 * naming the route, so a wrong upstream URL fails loudly.
 */
export async function startMockUpstream(
  routes: readonly MockUpstreamRoute[] = [],
): Promise<MockUpstream> {
  let table: Array<MockUpstreamRoute & { used: number }> = routes.map((route) => ({
    ...route,
    used: 0,
  }));
  const requests: RecordedUpstreamRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const recorded = record(request, response, Buffer.concat(chunks));
      requests.push(recorded);
      const route = table.find((candidate) => matches(candidate, recorded));
      if (route === undefined) {
        // Synthetic: the mock's own answer when no recorded reply is configured for this URL.
        writeReply(response, {
          status: 404,
          body: {
            error: {
              message: `mock upstream: no route for ${recorded.method} ${recorded.url}`,
              type: 'not_found',
              param: null,
              code: null,
            },
          },
        });
        return;
      }
      route.used += 1;
      Promise.resolve(typeof route.reply === 'function' ? route.reply(recorded) : route.reply).then(
        (reply) => writeReply(response, reply),
        () => writeReply(response, { status: 500, body: 'mock upstream: reply function failed' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset(next = []) {
      table = next.map((route) => ({ ...route, used: 0 }));
      requests.length = 0;
    },
    prepend(route) {
      table.unshift({ ...route, used: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function matches(
  route: MockUpstreamRoute & { used: number },
  request: RecordedUpstreamRequest,
): boolean {
  if (route.times !== undefined && route.used >= route.times) return false;
  if (route.method !== undefined && route.method.toUpperCase() !== request.method) return false;
  return typeof route.path === 'string'
    ? route.path === request.path
    : route.path.test(request.url);
}

function record(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  body: Buffer,
): RecordedUpstreamRequest {
  const url = request.url ?? '/';
  const queryAt = url.indexOf('?');
  const recorded: RecordedUpstreamRequest = {
    method: request.method ?? 'GET',
    url,
    path: queryAt === -1 ? url : url.slice(0, queryAt),
    search: queryAt === -1 ? '' : url.slice(queryAt + 1),
    headers: request.headers,
    body,
    text: () => body.toString('utf8'),
    json: () => JSON.parse(body.toString('utf8')),
    closedEarly: false,
    closed: new Promise<void>((resolve) => {
      response.once('close', () => {
        recorded.closedEarly = !response.writableFinished;
        resolve();
      });
    }),
  };
  return recorded;
}

async function writeReply(response: http.ServerResponse, reply: MockUpstreamReply): Promise<void> {
  if (reply.hang) return;
  if (reply.delayMs) await sleep(reply.delayMs);
  if (response.destroyed) return;
  const status = reply.status ?? 200;
  if (reply.sse !== undefined || reply.rawSse !== undefined) {
    response.writeHead(status, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      ...reply.headers,
    });
    response.flushHeaders();
    if (reply.rawSse !== undefined) response.write(reply.rawSse);
    const events = reply.sse ?? [];
    for (let index = 0; index <= events.length; index += 1) {
      if (reply.pause?.afterEvents === index) await reply.pause.until;
      if (response.destroyed) return;
      if (index === events.length) break;
      const event = events[index];
      response.write(`data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`);
      if (reply.eventDelayMs) await sleep(reply.eventDelayMs);
    }
    if (!reply.holdOpen) response.end();
    return;
  }
  const isBytes = typeof reply.body === 'string' || reply.body instanceof Uint8Array;
  const payload =
    reply.body === undefined
      ? ''
      : isBytes
        ? (reply.body as string | Uint8Array)
        : JSON.stringify(reply.body);
  const contentType = isBytes ? 'text/plain; charset=utf-8' : 'application/json';
  response.writeHead(status, { 'content-type': contentType, ...reply.headers });
  if (reply.holdOpen) {
    response.write(payload);
    return;
  }
  response.end(payload);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
