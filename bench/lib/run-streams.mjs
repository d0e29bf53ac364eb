// A small HTTP client loop for streamed requests: `connections` concurrent keep-alive loops, each
// timing the first body byte (TTFB), the first and last SSE event and the end of the response.
// autocannon only reports whole-response latency, so streaming needs its own measurement.
import { Agent, request } from 'node:http';
import { percentile } from './run-load.mjs';

function oneStream(agent, target, payload, headers, timeoutMs) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        let ttfb;
        let events = 0;
        let firstEventMs;
        let lastEventMs;
        let firstChoiceMs;
        res.on('data', (chunk) => {
          const at = ms();
          ttfb ??= at;
          // Count SSE events ("data:" at a line start); events never span the scan boundary here
          // because both the mock and the gateway write whole events per chunk, and a split one is
          // still counted once by its "data:" prefix.
          let from = 0;
          for (;;) {
            const i = chunk.indexOf('data:', from);
            if (i === -1) break;
            events++;
            firstEventMs ??= at;
            lastEventMs = at;
            from = i + 5;
          }
          // First event that carries an answer (an OpenAI choice or a Gemini candidate): the
          // like-for-like point when a gateway drops or adds events before it (Azure's filter-only
          // first chunk is dropped by design, so raw TTFB would count the upstream's 10 ms gap).
          if (
            firstChoiceMs === undefined &&
            (chunk.indexOf('"choices":[{') !== -1 || chunk.indexOf('"candidates"') !== -1)
          ) {
            firstChoiceMs = at;
          }
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            ttfbMs: ttfb ?? ms(),
            firstChoiceMs: firstChoiceMs ?? ms(),
            totalMs: ms(),
            events,
            spreadMs: lastEventMs - firstEventMs,
          }),
        );
        res.on('error', () => resolve({ status: 0, error: true }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, error: true }));
    req.end(payload);
  });
}

/**
 * @param {{ url: string, path: string, body: string, headers?: Record<string,string>, connections: number,
 *   durationSeconds: number, maxRequests: number, timeoutMs?: number }} options
 */
export async function runStreams({
  url,
  path,
  body,
  headers = {},
  connections,
  durationSeconds,
  maxRequests,
  timeoutMs = 10_000,
}) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(path, url);
  const payload = Buffer.from(body);
  const deadline = Date.now() + durationSeconds * 1000;
  const results = [];
  let started = 0;
  const t0 = Date.now();
  const loop = async () => {
    while (started < maxRequests && Date.now() < deadline) {
      started++;
      results.push(await oneStream(agent, target, payload, headers, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const seconds = (Date.now() - t0) / 1000;
  agent.destroy();
  return { results, seconds };
}

export function summariseStreams(runs) {
  const all = runs.flatMap((r) => r.results);
  const ok = all.filter((r) => r.status >= 200 && r.status < 300);
  const sorted = (key) => Float64Array.from(ok.map((r) => r[key])).sort();
  const ttfb = sorted('ttfbMs');
  const total = sorted('totalMs');
  const firstChoice = sorted('firstChoiceMs');
  const events = ok.map((r) => r.events);
  return {
    requests: all.length,
    requestsPerSecond: all.length / runs.reduce((n, r) => n + r.seconds, 0),
    non2xx: all.length - ok.length,
    ttfbP50Ms: percentile(ttfb, 50),
    ttfbP99Ms: percentile(ttfb, 99),
    firstChoiceP50Ms: percentile(firstChoice, 50),
    firstChoiceP99Ms: percentile(firstChoice, 99),
    totalP50Ms: percentile(total, 50),
    totalP99Ms: percentile(total, 99),
    eventsMin: events.reduce(
      (a, b) => Math.min(a, b),
      events.length ? Number.POSITIVE_INFINITY : 0,
    ),
    eventsMax: events.reduce((a, b) => Math.max(a, b), 0),
    spreadP50Ms: percentile(sorted('spreadMs'), 50),
  };
}
