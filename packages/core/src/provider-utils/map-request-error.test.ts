import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { createHttpClient } from './create-http-client.js';
import { sendUpstreamRequest } from './send-upstream-request.js';

let server: Server;
let url = '';
// Resolved when the server has the request in hand (it never answers it).
let received: () => void = () => {};

beforeAll(async () => {
  server = createServer(() => {
    received();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('mapRequestError through sendUpstreamRequest', () => {
  it("turns got's own response timeout (client created with timeoutMs) into a 504", async () => {
    const client = createHttpClient({ timeoutMs: 100 });
    const started = Date.now();
    const failure = await sendUpstreamRequest(client, {
      provider: 'p',
      url: `${url}/hold`,
      timeoutMs: 100,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      status: 504,
      code: 'upstream_timeout',
      name: 'UpstreamTimeoutError',
    });
    expect((failure as Error).message).toBe(
      `Provider "p" timed out waiting for its upstream ${url.slice(7)} after 100 ms.`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("rethrows the client's own abort untouched instead of turning it into a gateway error", async () => {
    const client = createHttpClient();
    const controller = new AbortController();
    const arrived = new Promise<void>((resolve) => {
      received = resolve;
    });
    const pending = sendUpstreamRequest(client, {
      provider: 'p',
      url: `${url}/hold`,
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await arrived;
    controller.abort();
    const failure = await pending;
    expect(GatewayError.isInstance(failure)).toBe(false);
    expect(failure).toMatchObject({ name: 'AbortError' });
  });
});
