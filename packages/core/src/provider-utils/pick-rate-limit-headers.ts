import type { IncomingHttpHeaders } from 'node:http';

/** Headers a client's (and the gateway router's) retry logic reads: retry-after, retry-after-ms, Azure's x-ms-retry-after-ms and x-ratelimit-*. */
export function pickRateLimitHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (
      name === 'retry-after' ||
      name === 'retry-after-ms' ||
      name === 'x-ms-retry-after-ms' ||
      name.startsWith('x-ratelimit-')
    ) {
      picked[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return picked;
}
