import type { PluginOptionsReader } from '@multi-ai-proxy/core/provider-utils';

/**
 * A configured base URL (scheme, host, port, optional path prefix; trailing slashes dropped): http(s),
 * without query, fragment or credentials, so that nothing appended to it can change the host.
 */
export function checkVertexBaseUrl(
  read: PluginOptionsReader,
  key: string,
  envName: string | undefined,
  value: string,
): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return read.fail(
      key,
      envName,
      'is not a URL. Use e.g. "https://us-central1-aiplatform.googleapis.com" or "http://127.0.0.1:9000".',
    );
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    read.fail(key, envName, 'must be an http(s) base URL without query, fragment or credentials.');
  }
  return value.replace(/\/+$/, '');
}
