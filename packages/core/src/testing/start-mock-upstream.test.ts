import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecordingFixture, recordingToMockReply } from './read-recording-fixture.js';
import { type MockUpstream, startMockUpstream } from './start-mock-upstream.js';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';

let mock: MockUpstream | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('startMockUpstream', () => {
  it('serves routes in order, honours times, and records requests', async () => {
    mock = await startMockUpstream([
      {
        method: 'POST',
        path: '/v1/x',
        reply: { status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow' } },
        times: 1,
      },
      { method: 'POST', path: '/v1/x', reply: (request) => ({ body: { echoed: request.json() } }) },
    ]);
    const first = await fetch(`${mock.url}/v1/x?a=1`, { method: 'POST', body: '{"n":1}' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    await first.arrayBuffer();
    const second = await fetch(`${mock.url}/v1/x`, { method: 'POST', body: '{"n":2}' });
    expect(await second.json()).toEqual({ echoed: { n: 2 } });
    expect(mock.requests.map((request) => [request.path, request.search, request.text()])).toEqual([
      ['/v1/x', 'a=1', '{"n":1}'],
      ['/v1/x', '', '{"n":2}'],
    ]);
    const unknown = await fetch(`${mock.url}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('no route for GET /nowhere');
  });

  it('writes SSE events one by one, and notices a client that leaves a held-open stream', async () => {
    mock = await startMockUpstream([
      { path: '/s', reply: { sse: [{ a: 1 }, 'plain'], holdOpen: true } },
    ]);
    const controller = new AbortController();
    const response = await fetch(`${mock.url}/s`, { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('plain')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toBe('data: {"a":1}\n\ndata: plain\n\n');
    controller.abort();
    await mock.requests[0]!.closed;
    expect(mock.requests[0]!.closedEarly).toBe(true);
  });

  it('pauses an SSE reply after the given events until the test releases it', async () => {
    let release: () => void = () => {};
    const until = new Promise<void>((resolve) => {
      release = resolve;
    });
    mock = await startMockUpstream([
      { path: '/s', reply: { sse: [{ a: 1 }, 'two', '[DONE]'], pause: { afterEvents: 1, until } } },
    ]);
    const response = await fetch(`${mock.url}/s`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('\n\n')) text += decoder.decode((await reader.read()).value);
    expect(text).toBe('data: {"a":1}\n\n');
    const next = reader.read();
    const waited = await Promise.race([
      next.then(() => 'more data'),
      new Promise((resolve) => setTimeout(() => resolve('still paused'), 100)),
    ]);
    expect(waited).toBe('still paused');
    release();
    for (let chunk = await next; !chunk.done; chunk = await reader.read())
      text += decoder.decode(chunk.value);
    expect(text).toBe('data: {"a":1}\n\ndata: two\n\ndata: [DONE]\n\n');
  });

  it('hangs without answering until the client gives up', async () => {
    mock = await startMockUpstream([{ path: '/hang', reply: { hang: true } }]);
    const started = Date.now();
    const outcome = await new Promise<string>((resolve) => {
      const request = http.get(`${mock!.url}/hang`, () => resolve('answered'));
      request.on('error', () => {}); // the destroy below ends it with ECONNRESET on purpose
      request.setTimeout(150, () => {
        request.destroy();
        resolve('timed out');
      });
    });
    expect(outcome).toBe('timed out');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('readRecordingFixture / recordingToMockReply', () => {
  it('replays a recorded js-genai stream as SSE events, and a failed stream as its JSON error body', () => {
    const [stream] = readRecordingFixture(
      upstreamFixture('gemini', 'streamGenerateContent.text.recording.json'),
    );
    const reply = recordingToMockReply(stream!);
    expect(reply.status).toBe(200);
    expect(reply.sse).toHaveLength(3);
    expect(stream!.request.url).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    const [failed] = readRecordingFixture(
      upstreamFixture('gemini', 'streamGenerateContent.error-404.recording.json'),
    );
    const errorReply = recordingToMockReply(failed!);
    expect(errorReply).toMatchObject({ status: 404, body: { error: { code: 404 } } });
    expect(errorReply.sse).toBeUndefined();
  });
});
