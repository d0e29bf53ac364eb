// Starts the mock upstream in its own Node process (so the load generator and the mock never share an
// event loop) and returns its URL, a stats query and a stop function.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MOCK_ENTRY = fileURLToPath(new URL('./mock-upstream.mjs', import.meta.url));

export function startMockProcess({ chunks = 20, chunkDelayMs = 10, startTimeoutMs = 10_000 } = {}) {
  const child = fork(MOCK_ENTRY, [], {
    env: {
      ...process.env,
      BENCH_MOCK_CHUNKS: String(chunks),
      BENCH_MOCK_CHUNK_DELAY_MS: String(chunkDelayMs),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mock upstream did not start within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock upstream exited during start-up (code ${code})`));
    });
    child.once('message', (message) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: message.url,
        pid: child.pid,
        stats: () =>
          new Promise((resolveStats) => {
            child.once('message', (reply) => resolveStats(reply.stats));
            child.send('stats');
          }),
        stop: () =>
          new Promise((resolveStop) => {
            if (child.exitCode !== null) return resolveStop();
            const killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
            child.once('exit', () => {
              clearTimeout(killTimer);
              resolveStop();
            });
            child.disconnect();
          }),
      });
    });
  });
}
