/**
 * Readiness and in-flight tracking for /readyz and graceful shutdown. Every in-flight request
 * registers its AbortController, so a shutdown past its deadline can abort the upstream calls.
 */
export class LifecycleState {
  ready = false;
  shuttingDown = false;
  private readonly inFlight = new Set<AbortController>();
  private idleWaiters: Array<() => void> = [];

  track(controller: AbortController): () => void {
    this.inFlight.add(controller);
    return () => {
      this.inFlight.delete(controller);
      if (this.inFlight.size === 0 && this.idleWaiters.length > 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    };
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Resolves true when no request is in flight, false when the deadline passed first. */
  waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  abortAll(reason: string): void {
    for (const controller of this.inFlight) controller.abort(new Error(reason));
  }
}
