export interface ListenAddress {
  host: string | undefined;
  port: number;
}

/**
 * `AZURE_OPENAI_PROXY_ADDRESS`: `host:port`, `:port` (all interfaces),
 * `[::1]:port`. Returns undefined for anything else so the caller can name the variable.
 */
export function parseListenAddress(value: string): ListenAddress | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value.trim());
  if (match === null) return undefined;
  const port = Number(match[3]);
  if (port > 65535) return undefined;
  const host = match[1] ?? match[2];
  return { host: host === '' ? undefined : host, port };
}
