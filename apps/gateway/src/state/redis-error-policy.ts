import { GatewayError } from '@multi-ai-proxy/core';

export type RedisOnError = 'open' | 'closed';

// One warning a minute is enough to page someone and not enough to flood the log.
const LOG_EVERY_MS = 60_000;

/**
 * What a Redis-backed store does when Redis fails (down, timed out): `open` serves from the
 * process's own memory state and logs once a minute; `closed` answers 503. Shared by every store on
 * the same Redis, so a request never hangs on it (the connection's timeouts bound each call).
 */
export class RedisErrorPolicy {
  private loggedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly onError: RedisOnError,
    private readonly warn: (fields: Record<string, unknown>, message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `remote`; on a Redis failure, `local` (open) or a 503 (closed). */
  async run<T>(what: string, remote: () => Promise<T>, local: () => T): Promise<T> {
    try {
      return await remote();
    } catch (error) {
      this.report(what, error);
      if (this.onError === 'open') return local();
      throw new GatewayError({
        status: 503,
        type: 'api_error',
        code: 'state_unavailable',
        message: 'The gateway cannot reach its shared state store; retry shortly.',
        headers: { 'retry-after': '1' },
        expose: true,
        cause: error,
      });
    }
  }

  /** Logs a Redis failure, at most once a minute for every store on this Redis together. */
  report(what: string, error: unknown): void {
    const now = this.now();
    if (now - this.loggedAt < LOG_EVERY_MS) return;
    this.loggedAt = now;
    this.warn(
      {
        what,
        onError: this.onError,
        error: { name: (error as Error)?.name, message: (error as Error)?.message },
      },
      this.onError === 'open'
        ? 'redis unavailable: using this process’s memory state'
        : 'redis unavailable: refusing routed requests',
    );
  }
}
