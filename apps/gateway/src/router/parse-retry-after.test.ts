import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayOf } from './parse-retry-after.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads retry-after-ms first, then x-ms-retry-after-ms, then retry-after', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '1500', 'retry-after': '9' }, NOW)).toBe(1500);
    expect(parseRetryAfter({ 'x-ms-retry-after-ms': '250.4', 'retry-after': '9' }, NOW)).toBe(251);
    expect(parseRetryAfter({ 'Retry-After': '2' }, NOW)).toBe(2000);
  });

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, NOW)).toBe(7000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter({ 'retry-after': 'soon' }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after-ms': '-5' }, NOW)).toBeUndefined();
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('caps an absurd value at a day', () => {
    expect(parseRetryAfter({ 'retry-after': '99999999' }, NOW)).toBe(86_400_000);
  });
});

describe('retryDelayOf', () => {
  it("reads Gemini's RetryInfo.retryDelay", () => {
    const body = JSON.parse(
      readUpstreamFixture('gemini', 'error.429-resource-exhausted-retryinfo.json').toString('utf8'),
    );
    expect(retryDelayOf(body)).toBe(34_400);
    expect(
      retryDelayOf({ error: { details: [{ '@type': 'x.RetryInfo', retryDelay: '3.4s' }] } }),
    ).toBeUndefined();
    expect(retryDelayOf({ error: {} })).toBeUndefined();
  });
});
