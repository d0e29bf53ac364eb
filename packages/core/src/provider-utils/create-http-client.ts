import http from 'node:http';
import https from 'node:https';
import got, { type Got, type NormalizedOptions } from 'got';
import { VERSION } from '../version.js';

export interface HttpClientOptions {
  /**
   * Time allowed for the upstream to start answering (response headers), in ms. Applied as got's
   * `timeout.response`, never `timeout.request`, which would cut long streams.
   */
  timeoutMs?: number;
  /** Automatic retries (idempotent methods only, got's rules). Off by default: the client decides. */
  retries?: number;
}

// One pair of keep-alive agents per process: every provider instance shares the socket pools.
const agents = {
  http: new http.Agent({
    keepAlive: true,
    maxSockets: 512,
    maxFreeSockets: 64,
    scheduling: 'lifo',
  }),
  https: new https.Agent({
    keepAlive: true,
    maxSockets: 512,
    maxFreeSockets: 64,
    scheduling: 'lifo',
  }),
};

/**
 * The got instance a provider creates once, in createProvider, and uses for every request.
 * Per-request `got.extend` or option objects rebuilt per call are the main cost of a got-based proxy.
 */
export function createHttpClient(options: HttpClientOptions = {}): Got {
  return got.extend({
    agent: agents,
    timeout: options.timeoutMs ? { response: options.timeoutMs } : {},
    retry: { limit: options.retries ?? 0 },
    throwHttpErrors: false,
    followRedirect: false,
    // Bodies are passed on byte for byte, so they must arrive as the upstream meant them:
    // ask for identity encoding and never decompress behind a stream's back.
    decompress: false,
    headers: { 'user-agent': `multi-ai-proxy/${VERSION}`, 'accept-encoding': 'identity' },
    hooks: { beforeRequest: [dropCacheOptions] },
  });
}

/**
 * got builds the options of every `http.request` as `{ ...cacheOptions, ...unixOptions, ALPNProtocols, … }`
 * (about 30 named properties after a spread). On Node 20's V8 an object literal that spreads a
 * non-empty object and then names properties takes a slow path that allocates a new map per property:
 * ~23 KB and ~40 µs per upstream call with got's default cacheOptions (four keys, all undefined), about
 * a fifth of got's cost per call (bench/got-call-modes.mjs). With an empty object spread, the literal
 * takes V8's fast path. The HTTP cache these options configure is off unless a client sets `cache`.
 */
function dropCacheOptions(options: NormalizedOptions): void {
  // A plugin that extends this client with its own `cache` keeps its cache options.
  if (!options.cache) options.cacheOptions = {};
}
