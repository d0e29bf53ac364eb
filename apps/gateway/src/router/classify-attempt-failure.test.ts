import {
  InvalidRequestError,
  UpstreamApiError,
  UpstreamTimeoutError,
  UpstreamUnreachableError,
} from '@multi-ai-proxy/core';
import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import { classifyAttemptFailure } from './classify-attempt-failure.js';

const NOW = 1_000_000;
const upstream = (
  status: number,
  extra: Partial<ConstructorParameters<typeof UpstreamApiError>[0]> = {},
) => new UpstreamApiError({ provider: 'azure-eu', status, message: 'x', ...extra });
const classify = (error: unknown, aborted = false, firstEvent = false) =>
  classifyAttemptFailure(error, { aborted, nowMs: NOW, firstEvent });

describe('classifyAttemptFailure', () => {
  it('retries 408, 500, 502, 503, 504, connection errors and timeouts as breaker failures', () => {
    for (const status of [408, 500, 502, 503, 504])
      expect(classify(upstream(status)).action).toBe('failing');
    expect(classify(new UpstreamUnreachableError('azure-eu', 'host'))).toMatchObject({
      action: 'failing',
      reason: 'connection',
    });
    expect(classify(new UpstreamTimeoutError('azure-eu', 'host', 10))).toMatchObject({
      action: 'failing',
      reason: 'timeout',
      status: 504,
    });
    expect(classify(new Error('socket hang up'))).toMatchObject({
      action: 'failing',
      reason: 'connection',
      status: 502,
    });
  });

  it("moves on from Claude's 529 overloaded_error as a server error (the recorded body)", () => {
    const overloaded = JSON.parse(
      readUpstreamFixture('anthropic', 'error.529-overloaded.json').toString('utf8'),
    ) as { error: { type: string; message: string } };
    expect(
      classify(
        upstream(529, {
          message: overloaded.error.message,
          type: overloaded.error.type,
          upstreamError: overloaded.error,
        }),
      ),
    ).toEqual({ action: 'failing', reason: 'server_error', status: 529, retryAfterMs: undefined });
  });

  it('takes a 429 as rate limited with its Retry-After, not as a failure', () => {
    expect(classify(upstream(429, { headers: { 'retry-after': '2' } }))).toEqual({
      action: 'rate_limited',
      reason: 'rate_limited',
      status: 429,
      retryAfterMs: 2000,
    });
    const gemini = JSON.parse(
      readUpstreamFixture('gemini', 'error.429-resource-exhausted-retryinfo.json').toString('utf8'),
    ).error;
    expect(classify(upstream(429, { upstreamError: gemini })).retryAfterMs).toBe(34_400);
  });

  it('never retries 400, 404, 413, 422, content filter refusals or a client abort', () => {
    for (const status of [400, 404, 413, 422])
      expect(classify(upstream(status)).action).toBe('final');
    expect(classify(new InvalidRequestError('bad'))).toMatchObject({
      action: 'final',
      reason: 'client_error',
    });
    const filtered = JSON.parse(
      readUpstreamFixture('azure', 'error.400-content-filter.json').toString('utf8'),
    ).error;
    expect(
      classify(upstream(400, { code: 'content_filter', upstreamError: filtered })),
    ).toMatchObject({ action: 'final', reason: 'content_filter' });
    expect(classify(upstream(503), true)).toMatchObject({
      action: 'final',
      reason: 'client_abort',
      status: 499,
    });
  });

  it('cools a deployment whose key is refused and moves on', () => {
    expect(classify(upstream(401)).action).toBe('auth');
    expect(classify(upstream(403)).action).toBe('auth');
  });

  it('retries an error that came as the first event of a stream', () => {
    expect(classify(upstream(502), false, true)).toMatchObject({
      action: 'failing',
      reason: 'first_event_error',
    });
    expect(classify(new Error('bad event'), false, true)).toMatchObject({
      action: 'failing',
      reason: 'first_event_error',
    });
  });
});
