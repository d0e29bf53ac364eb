// Each error class carries a literal marker (`Symbol.for`, so copies of core agree on it), written out
// per class rather than derived from the class name: minified bundles rename classes, and a plugin's own
// class that happens to share a name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.GatewayError';
const symbol = Symbol.for(marker);

export interface GatewayErrorOptions {
  message: string;
  /** HTTP status the client receives. */
  status: number;
  /** OpenAI error `type` (`invalid_request_error`, `api_error`, …). */
  type: string;
  /** OpenAI error `code`, or null. */
  code?: string | null;
  /** OpenAI error `param`, or null. */
  param?: string | null;
  /** Whether `message` may be shown to the client; hidden errors answer a generic text. */
  expose?: boolean;
  /** Response headers to pass on (e.g. `retry-after`). */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * Base of every error the gateway and its plugins raise. Each instance carries the marker of every
 * class of its chain, so `X.isInstance(error)` works across several copies of core (a third-party
 * plugin may bundle its own), where a bare `instanceof` would not — and tells the subclasses apart.
 */
export class GatewayError extends Error {
  protected readonly [symbol] = true;
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly expose: boolean;
  readonly headers: Record<string, string>;

  constructor(options: GatewayErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.status = options.status;
    this.type = options.type;
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.expose = options.expose ?? options.status < 500;
    this.headers = options.headers ?? {};
  }

  /** Whether `error` is a GatewayError of any class, from any copy of core. */
  static isInstance(error: unknown): error is GatewayError {
    return GatewayError.hasMarker(error, marker);
  }

  /** Whether `error` carries the class marker `marker` (`multi-ai-proxy.error.<Class>`). */
  protected static hasMarker(error: unknown, marker: string): boolean {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[Symbol.for(marker)] === true
    );
  }
}
