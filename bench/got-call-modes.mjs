#!/usr/bin/env node
// got 14 alone on this machine: the CPU one upstream call costs under each way of calling it, against
// plain node:http, to the bench's mock upstream (its own process). Interleaved rounds, best round per
// mode (the least disturbed by other work on the machine); CPU = process.cpuUsage of this process
// (client side only) / calls. Bounded: CALLS per mode and round, ROUNDS rounds, 32 in flight.
//   node bench/got-call-modes.mjs [--calls=3000] [--rounds=3] [--stream]
// It imports got from packages/core (the version the gateway runs).
import http from 'node:http';
import { createRequire } from 'node:module';
import { startMockProcess } from './lib/start-mock-process.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) =>
  Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CALLS = arg('calls', 3000);
const ROUNDS = arg('rounds', 3);
const CONCURRENCY = 32;

const require = createRequire(new URL('../packages/core/package.json', import.meta.url));
const { default: got, Options } = await import(require.resolve('got'));

const agent = new http.Agent({
  keepAlive: true,
  maxSockets: 512,
  maxFreeSockets: 64,
  scheduling: 'lifo',
});
const headers = { 'content-type': 'application/json', 'api-key': 'bench' };
const body = Buffer.from(
  JSON.stringify({ messages: [{ role: 'user', content: 'Hello, how are you?' }] }),
);

/** The instance as core's createHttpClient builds it (before this work). */
const coreClient = got.extend({
  agent: { http: agent },
  retry: { limit: 0 },
  throwHttpErrors: false,
  followRedirect: false,
  decompress: false,
  headers: { 'user-agent': 'multi-ai-proxy/bench', 'accept-encoding': 'identity' },
});

/**
 * As core builds it now: got's cacheOptions emptied before each request, so got's native options
 * literal (`{ ...cacheOptions, ...30 properties }`) takes V8's fast path on Node 20.
 */
const emptyCacheOptionsClient = coreClient.extend({
  hooks: {
    beforeRequest: [
      (options) => {
        options.cacheOptions = {};
      },
    ],
  },
});

/** Everything got can skip per call switched off. */
const leanClient = got.extend({
  agent: { http: agent },
  retry: { limit: 0 },
  throwHttpErrors: false,
  followRedirect: false,
  decompress: false,
  cache: false,
  http2: false,
  dnsCache: undefined,
  hooks: {
    init: [],
    beforeRequest: [],
    beforeRedirect: [],
    beforeError: [],
    beforeRetry: [],
    afterResponse: [],
  },
  headers: { 'user-agent': 'multi-ai-proxy/bench', 'accept-encoding': 'identity' },
});

const readBody = (stream) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });

/** got.stream, as core's openUpstreamStream calls it: resolves with status once headers arrived, then reads. */
const viaStream = (client, url, options) =>
  new Promise((resolve, reject) => {
    const stream = client.stream(url, options);
    stream.once('error', reject);
    stream.once('response', (response) => {
      readBody(stream).then((b) => resolve([response.statusCode, b]), reject);
    });
  });

function modes(mockUrl) {
  const url = `${mockUrl}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`;
  const parsed = new URL(url);
  const prebuilt = new Options(url, { method: 'POST', headers }, coreClient.defaults.options);
  return {
    'node:http request (reference)': () =>
      new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: parsed.hostname,
            port: parsed.port,
            path: parsed.pathname + parsed.search,
            method: 'POST',
            agent,
            headers: { ...headers, 'content-length': body.length },
          },
          (res) => readBody(res).then((b) => resolve([res.statusCode, b]), reject),
        );
        req.once('error', reject);
        req.end(body);
      }),
    'got promise, per-call options merged (sendUpstreamRequest)': () =>
      coreClient(url, {
        method: 'POST',
        headers,
        body,
        signal: new AbortController().signal,
        responseType: 'buffer',
      }),
    'got.stream, per-call options merged (openUpstreamStream)': () =>
      viaStream(coreClient, url, {
        method: 'POST',
        headers,
        body,
        signal: new AbortController().signal,
      }),
    'got.stream, cacheOptions emptied in beforeRequest (core since 3 Dec)': () =>
      viaStream(emptyCacheOptionsClient, url, {
        method: 'POST',
        headers,
        body,
        signal: new AbortController().signal,
      }),
    'got.stream, no signal': () => viaStream(coreClient, url, { method: 'POST', headers, body }),
    'got.stream, plain URL object': () =>
      viaStream(coreClient, new URL(url), {
        method: 'POST',
        headers,
        body,
        signal: new AbortController().signal,
      }),
    'got.stream, hooks/cache/http2 off too': () =>
      viaStream(leanClient, url, {
        method: 'POST',
        headers,
        body,
        signal: new AbortController().signal,
      }),
    'got stream, pre-built Options as defaults (url, method, headers), body+signal per call': () =>
      new Promise((resolve, reject) => {
        const stream = coreClient(
          undefined,
          { isStream: true, body, signal: new AbortController().signal },
          prebuilt,
        );
        stream.once('error', reject);
        stream.once('response', (response) =>
          readBody(stream).then((b) => resolve([response.statusCode, b]), reject),
        );
      }),
  };
}

async function runMode(call) {
  let started = 0;
  let done = 0;
  const before = process.cpuUsage();
  await new Promise((resolve, reject) => {
    const next = () => {
      if (started >= CALLS) {
        if (done === CALLS) resolve();
        return;
      }
      started++;
      call().then(() => {
        done++;
        next();
      }, reject);
    };
    for (let i = 0; i < CONCURRENCY; i++) next();
  });
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / CALLS;
}

const mock = await startMockProcess({ chunks: 20, chunkDelayMs: 10 });
const timer = setTimeout(() => {
  console.error('got-call-modes: 5 min deadline reached');
  process.exit(2);
}, 300_000);
try {
  const all = modes(mock.url);
  const best = Object.fromEntries(Object.keys(all).map((k) => [k, Infinity]));
  for (const call of Object.values(all)) await runMode(call); // warm-up (JIT) of every mode
  for (let round = 0; round < ROUNDS; round++) {
    const names = Object.keys(all);
    if (round % 2) names.reverse();
    for (const name of names) best[name] = Math.min(best[name], await runMode(all[name]));
  }
  const reference = best['node:http request (reference)'];
  console.log(
    `| way of calling (${CALLS} calls × ${ROUNDS} rounds, ${CONCURRENCY} in flight, best round) | client CPU µs/call | − node:http |`,
  );
  console.log('|---|---:|---:|');
  for (const [name, us] of Object.entries(best))
    console.log(`| ${name} | ${us.toFixed(0)} | ${(us - reference).toFixed(0)} |`);
} finally {
  clearTimeout(timer);
  agent.destroy();
  await mock.stop();
}
