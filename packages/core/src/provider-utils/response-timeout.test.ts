import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './create-http-client.js';
import { openUpstreamStream } from './open-upstream-stream.js';
import { sendUpstreamRequest } from './send-upstream-request.js';

let server: Server;
let url = '';

beforeAll(async () => {
  // Answers /fast at once and never answers /hang.
  server = createServer((request, response) => {
    if (request.url === '/fast') response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = createHttpClient();

describe('timeoutMs (one timer instead of got timeouts)', () => {
  it('turns a hanging buffered call into a 504 naming the host', async () => {
    const started = Date.now();
    await expect(
      sendUpstreamRequest(client, { provider: 'p', url: `${url}/hang`, timeoutMs: 150 }),
    ).rejects.toMatchObject({
      status: 504,
      code: 'upstream_timeout',
      message: `Provider "p" timed out waiting for its upstream ${url.slice(7)} after 150 ms.`,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('turns a hanging stream into a 504 before any header arrives', async () => {
    await expect(
      openUpstreamStream(client, {
        provider: 'p',
        url: `${url}/hang`,
        method: 'GET',
        timeoutMs: 150,
      }),
    ).rejects.toMatchObject({ status: 504, code: 'upstream_timeout' });
  });

  // A generous timeout: the answer must arrive before it even on a loaded machine; waiting past
  // it shows the timer was cleared rather than left to fire on a finished call.
  it('does not fire once the answer arrived', async () => {
    const response = await sendUpstreamRequest(client, {
      provider: 'p',
      url: `${url}/fast`,
      timeoutMs: 600,
    });
    const stream = await openUpstreamStream(client, {
      provider: 'p',
      url: `${url}/fast`,
      method: 'GET',
      timeoutMs: 600,
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(response.body.toString()).toBe('{"ok":true}');
    const chunks: Buffer[] = [];
    for await (const chunk of stream.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('{"ok":true}');
  });
});

describe('idle upstream body', () => {
  it('ends a body that stalls after its headers with the typed timeout as the cause', async () => {
    const stalling = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      // …and nothing more, without ending.
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const stallingUrl = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/`;
    try {
      const stream = await openUpstreamStream(client, {
        provider: 'p',
        url: stallingUrl,
        method: 'GET',
        timeoutMs: 200,
      });
      const received: string[] = [];
      const failure = await (async () => {
        try {
          for await (const chunk of stream.body) received.push(String(chunk));
        } catch (error) {
          return error as Error & { cause?: { status?: number; code?: string } };
        }
        return undefined;
      })();
      expect(received.join('')).toBe('data: first\n\n');
      expect(failure?.cause).toMatchObject({ status: 504, code: 'upstream_timeout' });
    } finally {
      stalling.closeAllConnections();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });
});
