// A fast local mock of the upstream APIs (Azure OpenAI, OpenAI, Gemini API, Vertex AI, a Google
// OAuth token endpoint), plain node:http on 127.0.0.1. It answers every route with a pre-built
// recorded body (see upstream-bodies.mjs) and streams SSE with a configurable chunk count and delay.
// Run it as its own process (`fork`) so its CPU never competes with the load generator's event loop.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { buildUpstreamBodies } from './upstream-bodies.mjs';

const AZURE_ROUTE =
  /^(?:\/[^?]*)?\/openai\/deployments\/[^/]+\/(chat\/completions|completions|embeddings)$/;
const AZURE_V1_ROUTE = /\/openai\/v1\/(chat\/completions|embeddings)$/;
const OPENAI_ROUTE = /^\/v1\/(chat\/completions|completions|embeddings)$/;
const GOOGLE_METHOD_ROUTE =
  /\/models\/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents|embedContent|predict|countTokens)$/;

const STREAM_FLAG = /"stream"\s*:\s*true/;

/**
 * @param {{ chunks?: number, chunkDelayMs?: number }} options
 * @returns {Promise<{ url: string, stats: () => object, close: () => Promise<void> }>}
 */
export async function startMockUpstream({ chunks = 20, chunkDelayMs = 10 } = {}) {
  const bodies = buildUpstreamBodies({ chunks });
  const counts = Object.create(null);
  let errors = 0;
  let abortedStreams = 0;

  const count = (key) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };

  function sendJson(res, status, body) {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  }

  function sendNotFound(res, path) {
    errors++;
    sendJson(
      res,
      404,
      Buffer.from(
        JSON.stringify({ error: { code: '404', message: `mock upstream: no route for ${path}` } }),
      ),
    );
  }

  function streamEvents(res, events, trailer) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    let index = 0;
    let timer;
    const writeNext = () => {
      res.write(events[index++]);
      if (index < events.length) {
        timer = setTimeout(writeNext, chunkDelayMs);
      } else {
        if (trailer) res.write(trailer);
        res.end();
      }
    };
    res.on('close', () => {
      if (index < events.length) {
        abortedStreams++;
        clearTimeout(timer);
      }
    });
    // The first event goes out at once (time to first byte = upstream's), the rest `chunkDelayMs` apart.
    writeNext();
  }

  function handle(req, res, rawBody) {
    const queryStart = req.url.indexOf('?');
    const path = queryStart === -1 ? req.url : req.url.slice(0, queryStart);

    if (req.method === 'GET') {
      if (path === '/__stats') return sendJson(res, 200, Buffer.from(JSON.stringify(stats())));
      if (path.endsWith('/v1beta/models')) {
        count('gemini.models');
        return sendJson(res, 200, bodies.geminiModels);
      }
      if (
        path.endsWith('/openai/models') ||
        path.endsWith('/openai/deployments') ||
        path === '/v1/models'
      ) {
        count('models');
        return sendJson(res, 200, Buffer.from('{"object":"list","data":[]}'));
      }
      return sendNotFound(res, path);
    }
    if (req.method !== 'POST') return sendNotFound(res, path);

    if (path.endsWith('/token')) {
      count('oauth.token');
      return sendJson(
        res,
        200,
        Buffer.from(
          '{"access_token":"bench-access-token","expires_in":3600,"token_type":"Bearer"}',
        ),
      );
    }

    const openai = AZURE_ROUTE.exec(path) ?? AZURE_V1_ROUTE.exec(path) ?? OPENAI_ROUTE.exec(path);
    if (openai) {
      const family = OPENAI_ROUTE.test(path) ? 'openai' : 'azure';
      const operation = openai[1];
      if (operation === 'embeddings') {
        count(`${family}.embeddings`);
        return sendJson(res, 200, bodies.openaiEmbeddings);
      }
      if (STREAM_FLAG.test(rawBody)) {
        count(`${family}.chat.stream`);
        return streamEvents(res, bodies.azureStreamEvents, bodies.azureStreamDone);
      }
      count(`${family}.chat`);
      return sendJson(res, 200, bodies.azureChat);
    }

    const google = GOOGLE_METHOD_ROUTE.exec(path);
    if (google) {
      const family = path.includes('/publishers/google/') ? 'vertex' : 'gemini';
      const method = google[2];
      count(`${family}.${method}`);
      switch (method) {
        case 'generateContent':
          return sendJson(
            res,
            200,
            family === 'vertex' ? bodies.vertexGenerate : bodies.geminiGenerate,
          );
        case 'streamGenerateContent':
          return streamEvents(
            res,
            family === 'vertex' ? bodies.vertexStreamEvents : bodies.geminiStreamEvents,
          );
        case 'batchEmbedContents':
        case 'embedContent':
          return sendJson(res, 200, bodies.geminiEmbeddings);
        case 'predict':
          return sendJson(res, 200, bodies.vertexPredictEmbeddings);
        default:
          return sendJson(res, 200, Buffer.from('{"totalTokens":7}'));
      }
    }
    return sendNotFound(res, path);
  }

  function stats() {
    return { counts: { ...counts }, errors, abortedStreams };
  }

  const server = createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
    const parts = [];
    req.on('data', (part) => parts.push(part));
    req.on('end', () =>
      handle(req, res, parts.length === 1 ? parts[0].toString() : Buffer.concat(parts).toString()),
    );
  });
  server.headersTimeout = 130_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// As a forked child: start, report the URL over IPC, answer stats requests, exit on disconnect.
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const chunks = Number(process.env.BENCH_MOCK_CHUNKS ?? 20);
  const chunkDelayMs = Number(process.env.BENCH_MOCK_CHUNK_DELAY_MS ?? 10);
  const mock = await startMockUpstream({ chunks, chunkDelayMs });
  process.on('message', (message) => {
    if (message === 'stats') process.send({ stats: mock.stats() });
  });
  process.on('disconnect', () => mock.close().then(() => process.exit(0)));
  process.send({ url: mock.url });
}
