// Module loader hooks (node:module register) that rewrite a few built files as they load.
// Each patch names the file it applies to, the exact text it replaces and the replacement; a patch
// whose text is not found fails loudly, so an experiment never silently measures the unpatched code.

const PATCHES = {
  // Proposal 1 (apps/gateway/src/http/middleware/access-log.ts): the access line has fixed, secret-free
  // fields, so write it through a child logger without the 20-path redaction (wildcards walk every key).
  'access-log-no-redact': {
    file: '/apps/gateway/dist/http/middleware/access-log.js',
    find: 'export function createAccessLogMiddleware(logger) {\n    return async (ctx, next) => {',
    replace:
      'export function createAccessLogMiddleware(parentLogger) {\n    const logger = parentLogger.child({}, { redact: [] });\n    return async (ctx, next) => {',
  },
  // Proposal 2 (packages/provider-openai/src/forward-upstream-request.ts): a non-SSE answer with a
  // small content-length is read into one Buffer, so Koa ends the response with res.end(buffer)
  // instead of stream.pipeline(gotStream, res) (AbortController + DOMException + listeners per request).
  'buffer-small-json': {
    file: '/packages/provider-openai/dist/forward-upstream-request.js',
    find: "        return { kind: 'raw', status: upstream.status, headers, body: upstream.body };\n    }\n    // SSE",
    replace:
      "        const length = Number(upstream.headers['content-length']);\n" +
      '        if (length >= 0 && length <= 1048576) {\n' +
      '            const parts = [];\n' +
      '            for await (const part of upstream.body) parts.push(part);\n' +
      // got keeps its abort listener after the body was read: a later client disconnect would emit
      // an 'error' nobody listens to (process crash, found by this experiment). Keep a listener.
      "            upstream.body.on('error', () => {});\n" +
      "            return { kind: 'raw', status: upstream.status, headers, body: parts.length === 1 ? parts[0] : Buffer.concat(parts) };\n" +
      '        }\n' +
      "        return { kind: 'raw', status: upstream.status, headers, body: upstream.body };\n    }\n    // SSE",
  },
  // Proposal 3 (packages/core/src/provider-utils/create-http-client.ts + open-upstream-stream.ts /
  // send-upstream-request.ts): got's `timeout.response` installs its timed-out machinery (timers and
  // socket/request listeners) on every request. MEASUREMENT ONLY: this patch drops the timeout to
  // show its cost; the real change keeps the deadline with one setTimeout per call that aborts the
  // call's AbortSignal and is cleared on 'response'.
  'no-got-timeout': {
    file: '/packages/core/dist/provider-utils/create-http-client.js',
    find: 'timeout: options.timeoutMs ? { response: options.timeoutMs } : {},',
    replace: 'timeout: {},',
  },
};

let active = [];

export function initialize(data) {
  active = data.patches.map((name) => {
    const patch = PATCHES[name];
    if (!patch)
      throw new Error(`unknown bench patch "${name}" (known: ${Object.keys(PATCHES).join(', ')})`);
    return { name, ...patch };
  });
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  const patches = active.filter((p) => url.endsWith(p.file));
  if (patches.length === 0) return result;
  let source =
    typeof result.source === 'string' ? result.source : Buffer.from(result.source).toString('utf8');
  for (const patch of patches) {
    if (!source.includes(patch.find))
      throw new Error(`bench patch "${patch.name}": text not found in ${url} (the source changed)`);
    source = source.replace(patch.find, patch.replace);
  }
  return { ...result, source, shortCircuit: true };
}
