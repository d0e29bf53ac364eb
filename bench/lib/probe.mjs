// One request before a scenario runs: is the route answered at all? A gateway answer such as 404
// model_not_found or 501 unsupported means the provider is not implemented yet (report "not run"),
// anything else non-2xx is a real error.
import { request } from 'node:http';

export function sendOnce(url, { path, headers = {}, body }, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = request(
      new URL(path, url),
      {
        method: payload ? 'POST' : 'GET',
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': payload.length, ...headers }
          : headers,
        timeout: timeoutMs,
      },
      (res) => {
        const parts = [];
        res.on('data', (p) => parts.push(p));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text: Buffer.concat(parts).toString(),
          }),
        );
        res.on('error', (error) => resolve({ status: 0, text: String(error) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: 0, text: String(error) }));
    req.end(payload);
  });
}

function errorMessage(text) {
  try {
    const error = JSON.parse(text).error;
    return [error?.code ?? error?.type, error?.message].filter(Boolean).join(': ').slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

/**
 * @returns {{ ok: true, response } | { ok: false, missing: boolean, reason: string }}
 */
export async function probe(url, target, check) {
  const response = await sendOnce(url, target);
  if (response.status >= 200 && response.status < 300) {
    if (check && !response.headers['content-type']?.includes('event-stream')) {
      let json;
      try {
        json = JSON.parse(response.text);
      } catch {
        return {
          ok: false,
          missing: false,
          reason: `2xx with a body that is not JSON: ${response.text.slice(0, 120)}`,
        };
      }
      if (!check(json))
        return {
          ok: false,
          missing: false,
          reason: `2xx with an unexpected body: ${response.text.slice(0, 160)}`,
        };
    }
    return { ok: true, response };
  }
  const missing = response.status === 404 || response.status === 501 || response.status === 400;
  return { ok: false, missing, reason: `HTTP ${response.status} ${errorMessage(response.text)}` };
}
