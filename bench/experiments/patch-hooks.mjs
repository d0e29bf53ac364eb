// Module loader hooks (node:module register) that rewrite a few built files as they load.
// Each patch names the built folder it applies to (a package's dist/: the bundles and chunks of
// scripts/bundle-dist.mjs, so the text is esbuild's printing of the code), the exact text it
// replaces and the replacement. A patch whose text is in no file of its folder fails at start-up,
// so an experiment never silently measures the unpatched code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const PATCHES = {
  // Proposals 1 and 2 landed (the sources have them): kept as the record of what was measured; their
  // text (tsc's printing) is no longer in the build, so selecting them fails at start-up.
  // Proposal 1 (apps/gateway/src/http/middleware/access-log.ts): the access line has fixed, secret-free
  // fields, so write it through a child logger without the 20-path redaction (wildcards walk every key).
  'access-log-no-redact': {
    dir: 'apps/gateway/dist/',
    find: 'export function createAccessLogMiddleware(logger) {\n    return async (ctx, next) => {',
    replace:
      'export function createAccessLogMiddleware(parentLogger) {\n    const logger = parentLogger.child({}, { redact: [] });\n    return async (ctx, next) => {',
  },
  // Proposal 2 (packages/provider-openai/src/forward-upstream-request.ts): a non-SSE answer with a
  // small content-length is read into one Buffer, so Koa ends the response with res.end(buffer)
  // instead of stream.pipeline(gotStream, res) (AbortController + DOMException + listeners per request).
  'buffer-small-json': {
    dir: 'packages/provider-openai/dist/',
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
    dir: 'packages/core/dist/',
    find: 'timeout: options.timeoutMs ? { response: options.timeoutMs } : {},',
    replace: 'timeout: {},',
  },
};

let active = [];

function javascriptFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? javascriptFiles(join(dir, entry.name))
      : entry.name.endsWith('.js')
        ? [join(dir, entry.name)]
        : [],
  );
}

export function initialize(data) {
  active = data.patches.map((name) => {
    const patch = PATCHES[name];
    if (!patch)
      throw new Error(`unknown bench patch "${name}" (known: ${Object.keys(PATCHES).join(', ')})`);
    const dir = join(REPO_ROOT, patch.dir);
    if (!javascriptFiles(dir).some((file) => readFileSync(file, 'utf8').includes(patch.find)))
      throw new Error(`bench patch "${name}": text not found in ${dir} (the source changed)`);
    return { name, ...patch, prefix: pathToFileURL(dir).href };
  });
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  const patches = active.filter((p) => url.startsWith(p.prefix));
  if (patches.length === 0) return result;
  let source =
    typeof result.source === 'string' ? result.source : Buffer.from(result.source).toString('utf8');
  const applied = patches.filter((patch) => source.includes(patch.find));
  if (applied.length === 0) return result;
  for (const patch of applied) source = source.replace(patch.find, patch.replace);
  return { ...result, source, shortCircuit: true };
}
