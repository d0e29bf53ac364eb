// Preload (`node --import`) that applies the proposed hot-path changes to the BUILT gateway and
// providers at load time, so their effect is measured before anyone edits the real sources
// (bench/ does not own them). Select with BENCH_PATCHES=access-log-no-redact,buffer-small-json.
// Used only by `BENCH_GATEWAY_NODE_ARGS="--import ./bench/experiments/register-patches.mjs"`.
import { register } from 'node:module';

register('./patch-hooks.mjs', import.meta.url, {
  data: { patches: (process.env.BENCH_PATCHES ?? '').split(',').filter(Boolean) },
});
