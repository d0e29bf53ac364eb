// A stand-in OTLP/HTTP collector for the tracing rows: accepts every export, counts the bytes, answers 200.
import { createServer } from 'node:http';

export async function startOtlpSink() {
  let bytes = 0;
  const server = createServer((request, response) => {
    request.on('data', (chunk) => {
      bytes += chunk.length;
    });
    request.on('end', () =>
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    bytes: () => bytes,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
