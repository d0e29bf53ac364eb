type HeaderBag = Readonly<Record<string, string | string[] | number | undefined>>;

// Longer than a day is a broken header, not a plan: it would park a deployment for good.
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Milliseconds an upstream asked us to wait, from its headers: `retry-after-ms`, then Azure's
 * `x-ms-retry-after-ms`, then `retry-after` (delta seconds or an HTTP date, RFC 9110 §10.2.3).
 * Gemini's `google.rpc.RetryInfo.retryDelay` arrives here as `retry-after-ms` (provider-google
 * copies it onto the error's headers); `retryDelayOf` reads it from a raw error body.
 */
export function parseRetryAfter(headers: HeaderBag | undefined, nowMs: number): number | undefined {
  if (headers === undefined) return undefined;
  const ms =
    numberOf(headerOf(headers, 'retry-after-ms')) ??
    numberOf(headerOf(headers, 'x-ms-retry-after-ms'));
  if (ms !== undefined) return clamp(ms);
  const value = headerOf(headers, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = numberOf(value);
  if (seconds !== undefined) return clamp(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : clamp(date - nowMs);
}

/** `{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3.4s"}]}}` → 3400. */
export function retryDelayOf(errorBody: unknown): number | undefined {
  const error = (errorBody as { error?: { details?: unknown } } | undefined)?.error ?? errorBody;
  const details = (error as { details?: unknown } | undefined)?.details;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (
      !String((detail as Record<string, unknown> | null)?.['@type']).endsWith(
        'google.rpc.RetryInfo',
      )
    )
      continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(
      String((detail as { retryDelay?: unknown }).retryDelay),
    );
    if (match) return clamp(Number(match[1]) * 1000);
  }
  return undefined;
}

function headerOf(headers: HeaderBag, name: string): string | undefined {
  let value = headers[name];
  if (value === undefined) {
    for (const key in headers) if (key.toLowerCase() === name) value = headers[key];
  }
  if (Array.isArray(value)) value = value[0];
  return value === undefined ? undefined : String(value).trim();
}

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+(?:\.\d+)?$/.test(value)) return undefined;
  return Number(value);
}

const clamp = (ms: number) => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(ms)));
