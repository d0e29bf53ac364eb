import { gcraAdjust, gcraDecide } from '../keys/gcra.js';
import type { LimitAdjustment, LimitClaim } from './deployment-state-store.js';

interface Tats {
  requests: number;
  tokens: number;
}

/**
 * The memory book of deployments' own tpm/rpm for one process: one GCRA theoretical arrival time
 * per bucket (keys/gcra.ts, the arithmetic the keys room uses), reserved all or none and corrected
 * afterwards. The Redis store runs the same arithmetic in Lua so replicas share the buckets.
 */
export class DeploymentLimitBook {
  private readonly tats = new Map<string, Tats>();

  constructor(private readonly now: () => number = Date.now) {}

  reserve(id: string, claim: LimitClaim): number {
    const now = this.now();
    const tats = this.tats.get(id) ?? { requests: 0, tokens: 0 };
    const requests =
      claim.requests &&
      gcraDecide(
        { limit: 1, periodMs: claim.requests.periodMs },
        tats.requests,
        now,
        claim.requests.costMs,
      );
    const tokens =
      claim.tokens &&
      gcraDecide(
        { limit: 1, periodMs: claim.tokens.periodMs },
        tats.tokens,
        now,
        claim.tokens.costMs,
      );
    const waitMs = Math.max(
      requests?.allowed === false ? requests.retryAfterMs : 0,
      tokens?.allowed === false ? tokens.retryAfterMs : 0,
    );
    if (waitMs > 0) return waitMs;
    if (requests !== undefined) tats.requests = requests.tat;
    if (tokens !== undefined) tats.tokens = tokens.tat;
    this.tats.set(id, tats);
    return 0;
  }

  adjust(id: string, adjustment: LimitAdjustment): void {
    const tats = this.tats.get(id);
    if (tats === undefined) return;
    const now = this.now();
    if (adjustment.requestsMs)
      tats.requests = gcraAdjust(tats.requests, now, adjustment.requestsMs);
    if (adjustment.tokensMs) tats.tokens = gcraAdjust(tats.tokens, now, adjustment.tokensMs);
  }
}
