// In-process: a provider's knownModels() lookup before (peek: SHA-256 of the server key each call) and
// after (peekPrimary: the digest computed once), on the built core. `node bench/experiments/peek-primary.mjs`
import { createKeyedTtlCache } from '../../packages/core/dist/provider-utils/index.js';
const key = 'bench-server-credential';
const cache = createKeyedTtlCache({ ttlMs: 60_000, primaryKey: key });
await cache.get(key, async () => new Set(['gemini-2.5-flash']));
const N = 200_000;
const time = (f) => {
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) f();
  const c = process.cpuUsage(c0);
  return (((c.user + c.system) / N) * 1000).toFixed(0);
};
for (let r = 0; r < 3; r++)
  console.log(
    `peek(key) ${time(() => cache.peek(key))} ns  peekPrimary() ${time(() => cache.peekPrimary())} ns`,
  );
