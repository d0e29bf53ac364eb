import { InvalidRequestError } from '../errors/invalid-request-error.js';

/**
 * `data:<mime>[;base64],<data>` → MIME type and base64 data, or undefined when `url` is no data URL.
 * A malformed percent-encoded payload answers 400 naming `param` (not a URIError → 500).
 */
export function parseDataUrl(
  url: string,
  param?: string,
): { mimeType: string; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const meta = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  const segments = meta.split(';');
  const mimeType = segments[0] && segments[0].length > 0 ? segments[0] : 'text/plain';
  const isBase64 = segments.slice(1).some((segment) => segment.toLowerCase() === 'base64');
  const data = isBase64
    ? payload.replace(/\s+/g, '')
    : Buffer.from(decodePercentEncoded(payload, param), 'utf8').toString('base64');
  return { mimeType: mimeType.toLowerCase(), data };
}

function decodePercentEncoded(payload: string, param: string | undefined): string {
  try {
    return decodeURIComponent(payload);
  } catch {
    throw new InvalidRequestError(
      'The data: URL is not valid percent-encoding; send base64 (`data:<mime>;base64,…`) or escape `%` as `%25`.',
      { param },
    );
  }
}
