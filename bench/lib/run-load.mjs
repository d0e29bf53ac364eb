// One bounded autocannon run (programmatic API). Latencies are collected per response from
// autocannon's 'response' event (hrtime-based, fractional milliseconds) so runs can be merged and
// sub-millisecond differences are visible; autocannon's own histogram rounds to whole ms.
import autocannon from 'autocannon';

/**
 * @param {{ url: string, path: string, method?: string, headers?: Record<string,string>, body?: string,
 *   connections: number, durationSeconds: number, maxRequests: number, timeoutSeconds?: number }} options
 */
export async function runLoad({
  url,
  path,
  method = 'POST',
  headers = {},
  body,
  connections,
  durationSeconds,
  maxRequests,
  timeoutSeconds = 10,
}) {
  const latencies = new Float64Array(maxRequests + connections);
  let count = 0;
  let non2xx = 0;
  const statusCounts = Object.create(null);
  const instance = autocannon({
    url: url + path,
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: durationSeconds,
    maxOverallRequests: maxRequests,
    timeout: timeoutSeconds,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (count < latencies.length) latencies[count++] = responseTime;
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
    if (statusCode < 200 || statusCode > 299) non2xx++;
  });
  const result = await instance;
  return {
    requests: count,
    durationSeconds: result.duration,
    requestsPerSecond: count / result.duration,
    latencies: latencies.subarray(0, count),
    non2xx,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Merges several runs of the same target into one summary (sum of requests, pooled latencies). */
export function mergeRuns(runs) {
  const total = runs.reduce((n, r) => n + r.latencies.length, 0);
  const pooled = new Float64Array(total);
  let offset = 0;
  for (const r of runs) {
    pooled.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  pooled.sort();
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = runs.reduce((n, r) => n + r.durationSeconds, 0);
  const statusCounts = {};
  for (const r of runs)
    for (const [k, v] of Object.entries(r.statusCounts))
      statusCounts[k] = (statusCounts[k] ?? 0) + v;
  return {
    requests,
    requestsPerSecond: requests / seconds,
    p50Ms: percentile(pooled, 50),
    p99Ms: percentile(pooled, 99),
    meanMs: pooled.reduce((a, b) => a + b, 0) / (pooled.length || 1),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors + r.timeouts, 0),
    statusCounts,
  };
}
