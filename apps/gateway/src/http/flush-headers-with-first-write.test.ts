import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushHeadersWithFirstWrite, HEADERS_WAIT_MS } from './flush-headers-with-first-write.js';

const EVENT = 'data: {"choices":[{"index":0}]}\n\n';

let server: Server | undefined;
let client: Socket | undefined;

afterEach(async () => {
  vi.useRealTimers();
  client?.destroy();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = client = undefined;
});

/** A server whose one response is handed to the test, and a raw client that records every read. */
async function start(): Promise<{ response: ServerResponse; reads: string[] }> {
  let handed: (response: ServerResponse) => void = () => {};
  const responded = new Promise<ServerResponse>((resolve) => {
    handed = resolve;
  });
  server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/event-stream');
    handed(response);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const reads: string[] = [];
  client = connect(port, '127.0.0.1');
  client.setNoDelay(true);
  client.on('data', (bytes) => reads.push(bytes.toString('latin1')));
  client.write('GET /stream HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
  return { response: await responded, reads };
}

/** Until the client has read something (real time: only socket I/O is waited for). */
async function firstRead(reads: string[]): Promise<string> {
  for (let tries = 0; reads.length === 0 && tries < 500; tries++) await sleep(2);
  return reads.join('');
}

describe('flushHeadersWithFirstWrite', () => {
  it('commits the headers at once and sends them in the same write as the first event', async () => {
    // Only the wait timer is faked: it cannot fire while the test holds the first event back.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { response, reads } = await start();
    const body = new PassThrough();

    flushHeadersWithFirstWrite(response);
    body.pipe(response);
    expect(response.headersSent).toBe(true);
    await sleep(50);
    // Nothing on the wire yet (a plain flushHeaders would have sent the head by now).
    expect(reads).toEqual([]);

    body.write(EVENT);
    const first = await firstRead(reads);
    expect(reads).toHaveLength(1);
    expect(first.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(first).toContain('content-type: text/event-stream');
    expect(first.endsWith(`${EVENT.length.toString(16)}\r\n${EVENT}\r\n`)).toBe(true);
  });

  it('sends the headers and every chunk written in the first chunk’s tick in one write (a role and a content chunk)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { response, reads } = await start();
    const body = new PassThrough();

    flushHeadersWithFirstWrite(response);
    body.pipe(response);
    body.write(EVENT);
    body.write(EVENT);
    const first = await firstRead(reads);
    expect(reads).toHaveLength(1);
    const framed = `${EVENT.length.toString(16)}\r\n${EVENT}\r\n`;
    expect(first.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(first.endsWith(`\r\n\r\n${framed}${framed}`)).toBe(true);
  });

  it('sends the headers alone when the first event is later than the wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { response, reads } = await start();
    const body = new PassThrough();

    flushHeadersWithFirstWrite(response);
    body.pipe(response);
    vi.advanceTimersByTime(HEADERS_WAIT_MS);
    const head = await firstRead(reads);
    expect(head.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(head.endsWith('\r\n\r\n')).toBe(true);
    expect(head).not.toContain('data:');

    body.write(EVENT);
    for (let tries = 0; reads.length < 2 && tries < 500; tries++) await sleep(2);
    expect(reads.slice(1).join('')).toBe(`${EVENT.length.toString(16)}\r\n${EVENT}\r\n`);
  });

  it('sends the headers with the end of a stream that ends before any event', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { response, reads } = await start();

    const body = new PassThrough();
    flushHeadersWithFirstWrite(response);
    body.pipe(response);
    body.end();
    const all = await firstRead(reads);
    expect(all.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(all.endsWith('\r\n\r\n0\r\n\r\n')).toBe(true);
  });

  it('writes later events as they come, each on its own', async () => {
    const { response, reads } = await start();
    const body = new PassThrough();

    flushHeadersWithFirstWrite(response);
    body.pipe(response);
    body.write(EVENT);
    await firstRead(reads);
    body.write(EVENT);
    for (let tries = 0; reads.length < 2 && tries < 500; tries++) await sleep(2);
    expect(reads[1]).toBe(`${EVENT.length.toString(16)}\r\n${EVENT}\r\n`);
  });
});
