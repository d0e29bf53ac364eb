import { gcraCostMs } from '../keys/gcra.js';
import type { LimitClaim } from './deployment-state-store.js';
import type { Deployment } from './plan-attempts.js';

const MINUTE_MS = 60_000;

/**
 * What one request claims of a deployment's own limits: one request of its `rpm`, the token
 * estimate of its `tpm` (a request larger than the whole minute claims the whole minute, so it
 * waits for an idle bucket instead of never fitting). Undefined when the deployment has neither.
 */
export function limitClaimOf(
  deployment: Deployment,
  estimateTokens: number,
): LimitClaim | undefined {
  const limits = deployment.limits;
  if (limits === undefined || (limits.rpm === undefined && limits.tpm === undefined))
    return undefined;
  return {
    requests:
      limits.rpm === undefined
        ? undefined
        : {
            periodMs: MINUTE_MS,
            costMs: gcraCostMs({ limit: limits.rpm, periodMs: MINUTE_MS }, 1),
          },
    tokens:
      limits.tpm === undefined
        ? undefined
        : {
            periodMs: MINUTE_MS,
            costMs: tokensCostMs(limits.tpm, estimateTokens),
          },
  };
}

/** Bucket time of `tokens` in a tpm bucket, capped at the whole minute. */
export function tokensCostMs(tpm: number, tokens: number): number {
  return gcraCostMs({ limit: tpm, periodMs: MINUTE_MS }, Math.min(tpm, Math.max(0, tokens)));
}
