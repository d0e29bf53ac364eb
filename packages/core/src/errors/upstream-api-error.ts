import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.UpstreamApiError';
const symbol = Symbol.for(marker);

export interface UpstreamApiErrorOptions {
  /** Provider instance that called the upstream, named in the message. */
  provider: string;
  /** Status the upstream answered; the client receives the same. */
  status: number;
  /** Upstream's own error text (never contains our credentials). */
  message: string;
  type?: string;
  code?: string | null;
  param?: string | null;
  /** Headers worth passing on: retry-after, retry-after-ms, x-ratelimit-*. */
  headers?: Record<string, string>;
  /**
   * The upstream's own OpenAI-shaped `error` object (its body was `{"error":{…}}`), credentials removed:
   * the client receives it as sent (Azure's `innererror` included), with `message`, `type`, `param` and
   * `code` set from this error.
   */
  upstreamError?: Record<string, unknown>;
  cause?: unknown;
}

/** An upstream API answered with an error status. Keeps the status and the provider's detail. */
export class UpstreamApiError extends GatewayError {
  protected readonly [symbol] = true;
  readonly provider: string;
  readonly upstreamStatus: number;
  readonly upstreamError: Record<string, unknown> | undefined;

  constructor(options: UpstreamApiErrorOptions) {
    super({
      message: options.message,
      status: options.status,
      type: options.type ?? defaultTypeFor(options.status),
      code: options.code ?? null,
      param: options.param ?? null,
      expose: true,
      headers: options.headers,
      cause: options.cause,
    });
    this.name = 'UpstreamApiError';
    this.provider = options.provider;
    this.upstreamStatus = options.status;
    this.upstreamError = options.upstreamError;
  }

  /** Worth retrying: request timeout, conflict, rate limit, server errors. */
  get isRetryable(): boolean {
    const status = this.upstreamStatus;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }

  /** Whether `error` is a UpstreamApiError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is UpstreamApiError {
    return GatewayError.hasMarker(error, marker);
  }
}

function defaultTypeFor(status: number): string {
  if (status === 401 || status === 403) return 'authentication_error';
  if (status === 404) return 'invalid_request_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}
