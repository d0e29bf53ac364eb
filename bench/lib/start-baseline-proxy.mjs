// Starts baseline-proxy.mjs in its own process; returns an object shaped like startGateway's.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./baseline-proxy.mjs', import.meta.url));

export function startBaselineProcess(upstreamUrl) {
  const child = fork(ENTRY, [], {
    env: { ...process.env, BENCH_UPSTREAM_URL: upstreamUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`baseline proxy exited during start-up (code ${code})`)),
    );
    child.once('message', ({ url }) => {
      child.removeAllListeners('exit');
      resolve({
        url,
        pid: child.pid,
        logFile: '/dev/null',
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.disconnect();
          }),
      });
    });
  });
}
