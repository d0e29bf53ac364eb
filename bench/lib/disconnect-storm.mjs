// Clients that hang up mid-request: `count` requests, each destroyed at a different point between
// 0 and `spreadMs` (evenly spread, reproducible). The gateway must stay up and keep answering;
// a crash here is an error (an unhandled 'error' event on an aborted upstream stream, say).
import { request } from 'node:http';

function hangUp(url, target, afterMs) {
  return new Promise((resolve) => {
    const payload = Buffer.from(target.body);
    const req = request(new URL(target.path, url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': payload.length,
        ...target.headers,
      },
    });
    req.on('response', (res) => res.resume());
    req.on('error', () => {});
    req.on('close', resolve);
    setTimeout(() => req.destroy(), afterMs);
    req.end(payload);
  });
}

export async function disconnectStorm(url, target, { count = 100, spreadMs = 250 } = {}) {
  await Promise.all(
    Array.from({ length: count }, (_, i) => hangUp(url, target, (i * spreadMs) / count)),
  );
}
