import { describe, expect, it } from 'vitest';
import { pickRateLimitHeaders } from './pick-rate-limit-headers.js';

describe('pickRateLimitHeaders', () => {
  it('keeps the retry and rate-limit headers only, Azure x-ms-retry-after-ms included', () => {
    expect(
      pickRateLimitHeaders({
        'retry-after': '2',
        'retry-after-ms': '1500',
        'x-ms-retry-after-ms': '1500',
        'x-ratelimit-remaining-requests': '0',
        'set-cookie': ['a=b'],
        'content-type': 'application/json',
      }),
    ).toEqual({
      'retry-after': '2',
      'retry-after-ms': '1500',
      'x-ms-retry-after-ms': '1500',
      'x-ratelimit-remaining-requests': '0',
    });
  });
});
