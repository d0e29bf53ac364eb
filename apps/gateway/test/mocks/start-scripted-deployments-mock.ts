import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  recordedChat,
  recordedChatSseEvents,
  recordedChatUsageChunks,
} from './openai-format-bodies.js';

/**
 * One answer of a scripted deployment:
 * - `status`: that status (429 with `retry-after`, 503, 401…) and an OpenAI error body;
 * - `reset`: the connection is destroyed before any header;
 * - `hang`: no header ever (until the gateway gives up and closes the connection);
 * - `silence`: 200 and the headers of the kind asked for, then nothing;
 * - `first-event-error`: a 200 event stream whose first event is an error;
 * - `chunks-then-reset`: the first `chunks` events of the recorded stream, then a reset;
 * - `success`: the recorded answer (JSON, or the recorded include_usage stream), with its usage.
 */
export type ScriptStep =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'silence' }
  | { kind: 'first-event-error' }
  | { kind: 'chunks-then-reset'; chunks: number }
  | { kind: 'success' };

export interface ScriptedDeploymentsMock {
  url: string;
  /** The endpoint of deployment `name`, for provider-openai's `endpoint` option. */
  endpoint(name: string): string;
  /** Posts `steps` as the next answers of `name` (over HTTP, as any client of the mock would). */
  script(name: string, steps: ScriptStep[]): Promise<void>;
  /** Chat requests `name` received so far. */
  hits(name: string): number;
  close(): Promise<void>;
}

// SYNTHETIC error bodies in the OpenAI error shape (no recording of these failures exists).
const errorBody = (status: number) =>
  JSON.stringify({
    error: {
      message: `scripted ${status}`,
      type:
        status === 429
          ? 'rate_limit_error'
          : status === 401
            ? 'invalid_request_error'
            : 'api_error',
      param: null,
      code: status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_api_key' : null,
    },
  });
const FIRST_EVENT_ERROR = `data: ${JSON.stringify({
  error: { message: 'scripted stream failure', type: 'server_error', param: null, code: null },
})}\n\n`;
const sse = (events: readonly string[]) => events.map((data) => `data: ${data}\n\n`).join('');

/**
 * Several OpenAI-compatible deployments on one 127.0.0.1 server (`/d/<name>/v1/chat/completions`),
 * each answering the steps posted to `POST /__script/<name>` in order, then `success`. Answers are
 * the Azure recordings of openai-format-bodies.ts; the failures are transport-level or synthetic.
 */
export async function startScriptedDeploymentsMock(): Promise<ScriptedDeploymentsMock> {
  const scripts = new Map<string, ScriptStep[]>();
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  function answer(request: IncomingMessage, response: ServerResponse, text: string): void {
    const url = request.url ?? '';
    const posted = /^\/__script\/([\w.-]+)$/.exec(url);
    if (posted !== null && request.method === 'POST') {
      const name = posted[1] as string;
      scripts.set(name, [...(scripts.get(name) ?? []), ...(JSON.parse(text) as ScriptStep[])]);
      response.writeHead(204).end();
      return;
    }
    const chat = /^\/d\/([\w.-]+)\/v1\/chat\/completions(\?|$)/.exec(url);
    if (chat === null) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(errorBody(404));
      return;
    }
    const name = chat[1] as string;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const stream = (JSON.parse(text) as { stream?: boolean }).stream === true;
    const step = scripts.get(name)?.shift() ?? { kind: 'success' };
    const socket = response.socket as Socket;
    switch (step.kind) {
      case 'status':
        response
          .writeHead(step.status, { 'content-type': 'application/json', ...step.headers })
          .end(errorBody(step.status));
        return;
      case 'reset':
        socket.destroy();
        return;
      case 'hang':
        return;
      case 'silence':
        response.writeHead(200, {
          'content-type': stream ? 'text/event-stream' : 'application/json',
        });
        response.flushHeaders();
        return;
      case 'first-event-error':
        response.writeHead(200, { 'content-type': 'text/event-stream' }).end(FIRST_EVENT_ERROR);
        return;
      case 'chunks-then-reset':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        // Skip the recording's prompt-filter event: each written event carries text.
        response.write(sse(recordedChatSseEvents.slice(1, 1 + step.chunks)), () =>
          setTimeout(() => socket.destroy(), 50),
        );
        return;
      case 'success':
        if (stream)
          response
            .writeHead(200, { 'content-type': 'text/event-stream' })
            .end(`${sse(recordedChatUsageChunks)}data: [DONE]\n\n`);
        else
          response
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify(recordedChat));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    endpoint: (name) => `${url}/d/${name}`,
    async script(name, steps) {
      const posted = await fetch(`${url}/__script/${name}`, {
        method: 'POST',
        body: JSON.stringify(steps),
      });
      if (posted.status !== 204) throw new Error(`script for ${name}: ${posted.status}`);
    },
    hits: (name) => counts.get(name) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
