// Preload (`node --import`) for test/foundation/startup-modules.e2e.test.ts: appends to the file named
// by RECORD_MODULE_LOADS the URL of every module the ESM loader loads (from the loader thread), then,
// when the first server of the process listens, the path of every CommonJS module loaded so far
// (require() of CommonJS bypasses the ESM hooks in Node 20) and a LISTENING line.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import net from 'node:net';

const file = process.env.RECORD_MODULE_LOADS;
if (file) {
  register('./record-module-loads-hooks.mjs', import.meta.url, { data: { file } });
  const listen = net.Server.prototype.listen;
  let marked = false;
  net.Server.prototype.listen = function recordListening(...args) {
    this.once('listening', () => {
      if (marked) return;
      marked = true;
      const required = Object.keys(createRequire(import.meta.url).cache);
      appendFileSync(file, `${required.map((path) => `${path}\n`).join('')}LISTENING\n`);
    });
    return listen.apply(this, args);
  };
}
