import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteMediaFetcher } from './create-remote-media-fetcher.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
let server: Server;
let base = '';
const served: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    served.push(request.url ?? '');
    if (request.url?.startsWith('/cat.png')) {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(png);
    } else if (request.url === '/untyped/photo.jpg') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(png);
    } else if (request.url === '/page') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>');
    } else if (request.url === '/big-undeclared.png') {
      // No content-length: chunked, so only the bounded read can tell the size.
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(Buffer.alloc(600));
      response.end(Buffer.alloc(600));
    } else if (request.url === '/moved') {
      response.writeHead(302, { location: '/cat.png' });
      response.end();
    } else if (request.url === '/loop') {
      response.writeHead(302, { location: '/loop' });
      response.end();
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createRemoteMediaFetcher', () => {
  it('refuses loopback and private targets by default, before any request, without showing the query', async () => {
    const fetchMedia = createRemoteMediaFetcher();
    const before = served.length;
    await expect(fetchMedia(`${base}/cat.png?sig=secret`)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_image_url',
      param: 'messages',
      message: `Could not use the image URL ${base}/cat.png: it points at a private or loopback address.`,
    });
    await expect(fetchMedia('http://localhost:1/x.png')).rejects.toMatchObject({ status: 400 });
    await expect(fetchMedia('ftp://example.com/x.png')).rejects.toMatchObject({
      message: expect.stringContaining('not an http(s) URL'),
    });
    expect(served.length).toBe(before);
  });

  it('downloads and inlines media when private targets are allowed, following redirects', async () => {
    const fetchMedia = createRemoteMediaFetcher({ allowPrivateNetwork: true });
    await expect(fetchMedia(`${base}/cat.png`)).resolves.toEqual({
      mimeType: 'image/png',
      data: png.toString('base64'),
    });
    await expect(fetchMedia(`${base}/moved`)).resolves.toEqual({
      mimeType: 'image/png',
      data: png.toString('base64'),
    });
    await expect(fetchMedia(`${base}/untyped/photo.jpg`)).resolves.toMatchObject({
      mimeType: 'image/jpeg',
    });
  });

  it('answers 400 for a body over the limit, a type that is no media, an error status and a redirect loop', async () => {
    const fetchMedia = createRemoteMediaFetcher({
      allowPrivateNetwork: true,
      maxBytes: 1024,
      maxRedirects: 2,
    });
    await expect(fetchMedia(`${base}/big-undeclared.png`)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('larger than 1024 bytes'),
    });
    await expect(fetchMedia(`${base}/page`)).rejects.toMatchObject({
      message: expect.stringContaining('"text/html" is not an image'),
    });
    await expect(fetchMedia(`${base}/missing.png`)).rejects.toMatchObject({
      message: expect.stringContaining('HTTP 404'),
    });
    await expect(fetchMedia(`${base}/loop`)).rejects.toMatchObject({
      message: expect.stringContaining('redirects more than 2 times'),
    });
  });
});
