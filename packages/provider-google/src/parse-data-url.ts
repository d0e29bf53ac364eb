/** `data:<mime>[;base64],<data>` → MIME type and base64 data, or undefined when `url` is no data URL. */
export function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const meta = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  const segments = meta.split(';');
  const mimeType = segments[0] && segments[0].length > 0 ? segments[0] : 'text/plain';
  const isBase64 = segments.slice(1).some((segment) => segment.toLowerCase() === 'base64');
  const data = isBase64 ? payload.replace(/\s+/g, '') : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  return { mimeType: mimeType.toLowerCase(), data };
}
