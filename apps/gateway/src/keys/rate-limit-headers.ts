import type { BucketState } from './key-state-store.js';

/**
 * OpenAI's rate-limit headers (`x-ratelimit-{limit,remaining,reset}-{requests,tokens}`), which
 * clients already read; resets in OpenAI's duration format (`1s`, `6m0s`, `20ms`).
 */
export function rateLimitHeaders(
  requests: { limit: number; state: BucketState | undefined } | undefined,
  tokens: { limit: number; state: BucketState | undefined } | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, bucket] of [
    ['requests', requests],
    ['tokens', tokens],
  ] as const) {
    if (bucket?.state === undefined) continue;
    headers[`x-ratelimit-limit-${name}`] = String(bucket.limit);
    headers[`x-ratelimit-remaining-${name}`] = String(bucket.state.remaining);
    headers[`x-ratelimit-reset-${name}`] = formatDuration(bucket.state.resetMs);
  }
  return headers;
}

/** `retry-after` in whole seconds (rounded up, at least 1) and `retry-after-ms`, which the openai SDKs prefer. */
export function retryAfterHeaders(retryAfterMs: number): Record<string, string> {
  const ms = Math.max(1, Math.ceil(retryAfterMs));
  return { 'retry-after': String(Math.ceil(ms / 1000)), 'retry-after-ms': String(ms) };
}

export function formatDuration(ms: number): string {
  const whole = Math.max(0, Math.ceil(ms));
  if (whole < 1000) return `${whole}ms`;
  const minutes = Math.floor(whole / 60_000);
  const seconds = (whole % 60_000) / 1000;
  const secondsText = Number.isInteger(seconds)
    ? String(seconds)
    : seconds.toFixed(3).replace(/0+$/, '');
  return minutes > 0 ? `${minutes}m${secondsText}s` : `${secondsText}s`;
}
