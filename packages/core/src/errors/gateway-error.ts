/** The registry-wide marker of one error class: `Symbol.for` so copies of core agree on it. */
function markerOf(className: string): symbol {
  return Symbol.for(`multi-ai-proxy.error.${className}`);
}

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
 * Base of every error the gateway and its plugins raise. Each instance carries a marker symbol per
 * class of its chain, so `X.isInstance(error)` works across several copies of core (a third-party
 * plugin may bundle its own), where a bare `instanceof` would not — and tells the subclasses apart.
 */
export class GatewayError extends Error {
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
    for (let klass = new.target as unknown; typeof klass === 'function' && klass !== Error; klass = Object.getPrototypeOf(klass)) {
      Object.defineProperty(this, markerOf((klass as { name: string }).name), { value: true });
    }
  }

  /** Whether `error` is an instance of this class (or a subclass), from any copy of core. */
  static isInstance<T extends GatewayError>(this: abstract new (...args: never[]) => T, error: unknown): error is T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass the check was called on, by design
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[markerOf(this.name)] === true;
  }
}
