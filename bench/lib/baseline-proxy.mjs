// The floor: the least a Node.js proxy can do per request (node:http server → keep-alive
// node:http client → pipe the answer back, no parsing, no logging). Measured like the gateway, it
// tells how much of the gateway's cost is Node's HTTP stack itself on this machine.
import { Agent, createServer, request } from 'node:http';
import { pathToFileURL } from 'node:url';

export async function startBaselineProxy(upstreamUrl) {
  const upstream = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const parts = [];
    req.on('data', (p) => parts.push(p));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          agent,
          headers: {
            'content-type': req.headers['content-type'] ?? 'application/json',
            'content-length': body.length,
          },
        },
        (up) => {
          res.writeHead(up.statusCode, {
            'content-type': up.headers['content-type'] ?? 'application/json',
          });
          up.pipe(res);
        },
      );
      out.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      out.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = await startBaselineProxy(process.env.BENCH_UPSTREAM_URL);
  process.on('disconnect', () => process.exit(0));
  process.send({ url });
}
