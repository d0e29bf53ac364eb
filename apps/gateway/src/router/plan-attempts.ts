import type { Cooling } from './deployment-state-store.js';
import type { DeploymentLoad } from './deployment-load.js';

export type RoutingStrategy = 'balanced' | 'ordered' | 'random';

/** One deployment of a group: `id` is `instance/upstream-model`. */
export interface Deployment {
  id: string;
  weight: number;
  /** The deployment's own quota (config `tpm`, `rpm`), enforced across replicas by the state store. */
  limits?: { tpm?: number; rpm?: number };
}

export interface PlanOptions {
  strategy: RoutingStrategy;
  /** Further attempts after the first. */
  retries: number;
  /** Full-jitter exponential backoff bounds for retrying the same deployment. */
  backoffMs: readonly [number, number];
  maxRetryAfterMs: number;
}

export type NextStep =
  | { kind: 'send'; deployment: Deployment; waitMs: number; retry: boolean; fallback: boolean }
  | {
      kind: 'exhausted';
      reopensAtMs: number | undefined;
      allRateLimited: boolean;
      allCooling: boolean;
    };

interface Tried {
  count: number;
  failedAt: number;
  retryAfterMs: number | undefined;
  rateLimited: boolean;
}

/**
 * The attempt plan of one request: the group's healthy deployments in the strategy's order, then
 * each fallback's; every attempt goes to a deployment not tried yet, and the same one again only
 * after max(Retry-After, full-jitter backoff) when that fits `maxRetryAfterMs` and the deadline.
 * `tiers[0]` is the group, the others its fallbacks in order.
 */
export class AttemptPlan {
  private readonly tried = new Map<string, Tried>();
  sent = 0;
  /** Every deployment of the plan, the group's first, then the fallbacks'. */
  readonly ids: readonly string[];

  constructor(
    private readonly tiers: readonly (readonly Deployment[])[],
    private readonly options: PlanOptions,
    private readonly load: DeploymentLoad,
    private readonly random: () => number = Math.random,
    /** The tiers' ids in order, when the caller has them already (the router resolves them once per group). */
    ids?: readonly string[],
  ) {
    this.ids = ids ?? tiers.flatMap((tier) => tier.map((deployment) => deployment.id));
  }

  next(now: number, deadlineAt: number, cooling: ReadonlyMap<string, Cooling>): NextStep {
    const allCooling = this.ids.every((id) => cooling.has(id));
    if (this.sent > this.options.retries) return this.exhausted(now, cooling, allCooling);
    for (const [index, tier] of this.tiers.entries()) {
      const ready = tier.filter(
        (deployment) => !this.tried.has(deployment.id) && !cooling.has(deployment.id),
      );
      if (ready.length > 0)
        return {
          kind: 'send',
          deployment: this.pick(ready),
          waitMs: 0,
          retry: false,
          fallback: index > 0,
        };
    }
    let best:
      | { deployment: Deployment; waitMs: number; retry: boolean; fallback: boolean }
      | undefined;
    for (const [index, tier] of this.tiers.entries()) {
      for (const deployment of tier) {
        const waitMs = this.waitFor(deployment.id, now, cooling);
        if (waitMs > this.options.maxRetryAfterMs || now + waitMs > deadlineAt) continue;
        if (best === undefined || waitMs < best.waitMs)
          best = { deployment, waitMs, retry: this.tried.has(deployment.id), fallback: index > 0 };
      }
    }
    return best === undefined
      ? this.exhausted(now, cooling, allCooling)
      : { kind: 'send', ...best };
  }

  /** Records a failed attempt at `id`; `retryAfterMs` is what the upstream asked for. */
  failed(id: string, now: number, retryAfterMs: number | undefined, rateLimited: boolean): void {
    const tried = this.tried.get(id);
    this.tried.set(id, {
      count: (tried?.count ?? 0) + 1,
      failedAt: now,
      retryAfterMs,
      rateLimited,
    });
  }

  /** An attempt went out (counted against `retries`). */
  markSent(id: string): void {
    this.sent += 1;
    if (!this.tried.has(id))
      this.tried.set(id, { count: 0, failedAt: 0, retryAfterMs: undefined, rateLimited: false });
  }

  private waitFor(id: string, now: number, cooling: ReadonlyMap<string, Cooling>): number {
    const coolMs = Math.max(0, (cooling.get(id)?.untilMs ?? now) - now);
    const tried = this.tried.get(id);
    if (tried === undefined) return coolMs;
    const [base, max] = this.options.backoffMs;
    const backoff = Math.floor(
      this.random() * Math.min(max, base * 2 ** Math.max(0, tried.count - 1)),
    );
    const retryAfter =
      tried.retryAfterMs === undefined ? 0 : tried.failedAt + tried.retryAfterMs - now;
    return Math.max(coolMs, backoff, retryAfter, 0);
  }

  private exhausted(
    now: number,
    cooling: ReadonlyMap<string, Cooling>,
    allCooling: boolean,
  ): NextStep {
    let reopensAtMs: number | undefined;
    let allRateLimited = true;
    for (const id of this.ids) {
      const cool = cooling.get(id);
      const tried = this.tried.get(id);
      const at =
        cool?.untilMs ??
        (tried?.retryAfterMs === undefined ? now : tried.failedAt + tried.retryAfterMs);
      reopensAtMs = reopensAtMs === undefined ? at : Math.min(reopensAtMs, at);
      if (!(cool?.reason === 'rate_limited' || (cool === undefined && tried?.rateLimited === true)))
        allRateLimited = false;
    }
    return { kind: 'exhausted', reopensAtMs, allRateLimited, allCooling };
  }

  private pick(ready: readonly Deployment[]): Deployment {
    if (ready.length === 1 || this.options.strategy === 'ordered') return ready[0] as Deployment;
    const first = this.weightedPick(ready);
    if (this.options.strategy === 'random') return first;
    // Power of two choices: a second weighted draw among the others, the lower load score wins.
    const second = this.weightedPick(ready.filter((deployment) => deployment !== first));
    return this.load.score(second.id, second.weight) < this.load.score(first.id, first.weight)
      ? second
      : first;
  }

  private weightedPick(deployments: readonly Deployment[]): Deployment {
    let total = 0;
    for (const deployment of deployments) total += deployment.weight;
    let point = this.random() * total;
    for (const deployment of deployments) {
      point -= deployment.weight;
      if (point < 0) return deployment;
    }
    return deployments[deployments.length - 1] as Deployment;
  }
}
