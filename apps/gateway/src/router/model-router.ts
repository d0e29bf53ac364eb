import { resolveAlias } from '@multi-ai-proxy/core';
import type { ModelGroupSettings } from '../config/gateway-settings.js';
import { estimateRequestTokens } from '../keys/estimate-request-tokens.js';
import { DeploymentLoad } from './deployment-load.js';
import type { DeploymentStateStore } from './deployment-state-store.js';
import { AttemptPlan, type Deployment, type PlanOptions } from './plan-attempts.js';
import { type RouterClock, systemClock } from './router-clock.js';
import { type RoutedResult, type RouterRun, runWithRouter } from './run-with-router.js';

/** A model group ready to route: its settings and its attempt tiers (the group, then each fallback). */
export interface RoutedGroup {
  settings: ModelGroupSettings;
  tiers: readonly (readonly Deployment[])[];
  /** Some deployment has its own tpm: requests are estimated (else the estimate is skipped). */
  tokenLimited: boolean;
  /** Resolved once: every request of the group plans with them. */
  ids: readonly string[];
  planOptions: PlanOptions;
}

export type GroupRun<J, C> = Pick<
  RouterRun<J, C>,
  'signal' | 'attempt' | 'onFailure' | 'onMove' | 'streamFailureEvent'
> & {
  /** The client's request, for the token estimate claimed on deployments with a tpm. */
  request?: { body: Record<string, unknown>; bodyBytes: number; producesCompletion: boolean };
};

/**
 * The model groups of the config file, resolved once at startup, and what they share at run time:
 * the deployment state store (memory or Redis) and this process's load book. A request whose model
 * is a group goes through `run`; every other model keeps the single dispatch.
 */
export class ModelRouter {
  private readonly groups = new Map<string, RoutedGroup>();
  private readonly load: DeploymentLoad;

  constructor(
    settings: ReadonlyMap<string, ModelGroupSettings>,
    private readonly routes: ReadonlyMap<string, string>,
    readonly store: DeploymentStateStore,
    private readonly clock: RouterClock = systemClock,
  ) {
    this.load = new DeploymentLoad(clock.now);
    const own = (group: ModelGroupSettings): Deployment[] =>
      group.deployments.map((deployment) => ({
        id: deployment.target,
        weight: deployment.weight,
        ...(deployment.tpm !== undefined || deployment.rpm !== undefined
          ? { limits: { tpm: deployment.tpm, rpm: deployment.rpm } }
          : {}),
      }));
    for (const group of settings.values()) {
      const tiers: Deployment[][] = [own(group)];
      for (const fallback of group.fallbacks) {
        const other = settings.get(fallback);
        tiers.push(
          other !== undefined ? own(other) : [{ id: routes.get(fallback) ?? fallback, weight: 1 }],
        );
      }
      // A deployment reached twice (a fallback listing it again) is tried once, where it first appears.
      const seen = new Set<string>();
      const unique: Deployment[][] = [];
      for (const tier of tiers) {
        const fresh = tier.filter((deployment) => !seen.has(deployment.id));
        for (const deployment of fresh) seen.add(deployment.id);
        if (fresh.length > 0) unique.push(fresh);
      }
      this.groups.set(group.name, {
        settings: group,
        tiers: unique,
        tokenLimited: unique.some((tier) => tier.some((one) => one.limits?.tpm !== undefined)),
        ids: unique.flatMap((tier) => tier.map((deployment) => deployment.id)),
        planOptions: {
          strategy: group.strategy,
          retries: group.router.retries,
          backoffMs: group.router.backoffMs,
          maxRetryAfterMs: group.router.maxRetryAfterMs,
        },
      });
    }
  }

  /** The group a requested model names: the group itself, or a config-file route (exact or glob) to it. */
  groupOf(model: string): RoutedGroup | undefined {
    if (this.groups.size === 0) return undefined;
    const group = this.groups.get(model);
    if (group !== undefined) return group;
    const target = resolveAlias(model, this.routes);
    return target === undefined ? undefined : this.groups.get(target);
  }

  get names(): string[] {
    return [...this.groups.keys()];
  }

  // Per request: one object literal of a fixed shape (no rest or spread; this is the hot path).
  run<J, C>(group: RoutedGroup, run: GroupRun<J, C>): Promise<RoutedResult<J, C>> {
    const router = group.settings.router;
    const request = run.request;
    let estimateTokens = 0;
    if (group.tokenLimited && request !== undefined) {
      const estimate = estimateRequestTokens(
        request.body,
        request.bodyBytes,
        request.producesCompletion,
      );
      estimateTokens = estimate.prompt + estimate.completion;
    }
    return runWithRouter({
      group: group.settings.name,
      plan: new AttemptPlan(group.tiers, group.planOptions, this.load, Math.random, group.ids),
      store: this.store,
      load: this.load,
      clock: this.clock,
      policy: router.cooldown,
      authCooldownMs: router.cooldown.maxMs,
      firstByteTimeoutMs: router.firstByteTimeoutMs,
      deadlineMs: router.deadlineMs,
      estimateTokens,
      signal: run.signal,
      attempt: run.attempt,
      onFailure: run.onFailure,
      onMove: run.onMove,
      streamFailureEvent: run.streamFailureEvent,
    });
  }
}
