// A body over MULTI_AI_PROXY_JSON_LIMIT / MULTI_AI_PROXY_MULTIPART_LIMIT: the client reads a 413 in
// OpenAI's error shape, through the openai SDK and a raw node:http client, JSON and multipart, with and
// without a Content-Length. The gateway discards the rest of the body before answering (a client that
// sends its whole body first otherwise waits until the connection is reset), then closes the
// connection; the upstream never sees the request.
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { checkOpenAIErrorBody } from '@multi-ai-proxy/core/testing';
import { request } from 'node:http';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAICompatibleMock } from '../mocks/start-openai-compatible-mock.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const MIB = 1024 * 1024;
const BOUNDARY = 'oversized-e2e-boundary';
// Far longer than sending 8 MiB over loopback takes; only a wedged connection gets there.
const STUCK_MS = 8_000;

let gateway: RunningGateway;
let upstream: MockUpstream;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startOpenAICompatibleMock();
  gateway = await startGateway({
    env: {
      OPENAI_API_ENDPOINT: upstream.url,
      OPENAI_API_KEY: 'openai-e2e-key',
      MULTI_AI_PROXY_JSON_LIMIT: '1mb',
      MULTI_AI_PROXY_MULTIPART_LIMIT: '1mb',
    },
  });
  client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});

interface RawAnswer {
  status: number;
  connection: string | undefined;
  body: unknown;
}

/**
 * POSTs `body` with node:http, in 64 KiB writes, and resolves once the whole body went out AND the
 * answer was read, as a client that sends everything before it looks at the answer needs it (Python's
 * HTTP clients do). With `declaredLength` (more than is sent) it resolves once the answer was read and
 * the gateway closed the connection. A reset, an EPIPE or a gateway that stops reading rejects.
 */
function rawPost(
  path: string,
  contentType: string,
  body: Buffer,
  framing: { chunked?: boolean; declaredLength?: number } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': contentType };
    if (!framing.chunked) headers['content-length'] = framing.declaredLength ?? body.length;
    let answer: RawAnswer | undefined;
    let sent = false;
    let closed = false;
    const stuck = setTimeout(() => {
      req.destroy();
      reject(
        new Error(
          `the exchange did not complete within ${STUCK_MS} ms (body sent: ${sent}, answer read: ${answer !== undefined})`,
        ),
      );
    }, STUCK_MS);
    const settle = () => {
      if (answer === undefined || !(framing.declaredLength === undefined ? sent : closed)) return;
      clearTimeout(stuck);
      resolve(answer);
    };
    const req = request(`${gateway.url}${path}`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        answer = {
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        };
        settle();
      });
    });
    req.on('error', reject);
    req.on('finish', () => {
      sent = true;
      settle();
    });
    req.on('close', () => {
      closed = true;
      settle();
    });
    let offset = 0;
    const writeNext = () => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', writeNext);
      }
      if (framing.declaredLength === undefined) req.end();
    };
    writeNext();
  });
}

const jsonBody = (bytes: number) =>
  Buffer.from(
    JSON.stringify({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'x'.repeat(bytes) }],
    }),
  );

function multipartBody(fileBytes: number): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="model"\r\n\r\nopenai/whisper-1\r\n`,
    ),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
    ),
    Buffer.alloc(fileBytes, 1),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

function expectTooLarge(answer: RawAnswer) {
  expect(answer.status).toBe(413);
  expect(answer.connection).toBe('close');
  expect(checkOpenAIErrorBody(answer.body)).toEqual([]);
  expect(answer.body).toMatchObject({
    error: { type: 'invalid_request_error', code: 'request_too_large' },
  });
}

describe('a JSON body over the limit', () => {
  it('is a 413 APIError in the openai SDK (not a connection error), and the next call works', async () => {
    const before = upstream.requests.length;
    const error = await expectOpenAIApiError(
      client.chat.completions.create({
        model: 'openai/gpt-4.1',
        messages: [{ role: 'user', content: 'x'.repeat(2 * MIB) }],
      }),
    );
    expect(error.status).toBe(413);
    expect(error.code).toBe('request_too_large');
    expect(error.message).toContain('MULTI_AI_PROXY_JSON_LIMIT');
    expect(upstream.requests.length).toBe(before);
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(completion.choices[0]!.message.content).toBeTruthy();
  });

  it.each([
    ['with a Content-Length', {}],
    ['chunked', { chunked: true }],
  ])('is a 413 a raw node:http client reads, %s (8 MiB against 1 MiB)', async (_label, framing) => {
    expectTooLarge(
      await rawPost('/v1/chat/completions', 'application/json', jsonBody(8 * MIB), framing),
    );
  });

  it('declared far over the limit (1 GiB) is refused before the body is sent', async () => {
    // Only 64 KiB of the declared gigabyte is ever written: the answer cannot wait for the body.
    expectTooLarge(
      await rawPost('/v1/chat/completions', 'application/json', jsonBody(60 * 1024), {
        declaredLength: 1024 * MIB,
      }),
    );
  });
});

describe('a multipart body over the limit', () => {
  it('is a 413 APIError in the openai SDK', async () => {
    const before = upstream.requests.length;
    const error = await expectOpenAIApiError(
      client.audio.transcriptions.create({
        model: 'openai/whisper-1',
        file: await toFile(Buffer.alloc(2 * MIB, 1), 'big.wav'),
      }),
    );
    expect(error.status).toBe(413);
    expect(error.code).toBe('request_too_large');
    expect(upstream.requests.length).toBe(before);
  });

  it.each([
    ['with a Content-Length', {}],
    ['chunked', { chunked: true }],
  ])('is a 413 a raw node:http client reads, %s (8 MiB against 1 MiB)', async (_label, framing) => {
    expectTooLarge(
      await rawPost(
        '/v1/audio/transcriptions',
        `multipart/form-data; boundary=${BOUNDARY}`,
        multipartBody(8 * MIB),
        framing,
      ),
    );
  });

  it('declared far over the limit (1 GiB) is refused before the body is sent', async () => {
    expectTooLarge(
      await rawPost(
        '/v1/audio/transcriptions',
        `multipart/form-data; boundary=${BOUNDARY}`,
        multipartBody(60 * 1024),
        { declaredLength: 1024 * MIB },
      ),
    );
  });
});
