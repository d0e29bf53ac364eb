import { budgetPeriodAt } from './budget-period.js';
import type { KeyServices } from './create-key-services.js';
import { usagePeriodOf } from './key-admission.js';
import type { KeyConfig } from './keys-settings.js';

/** One key's configuration and its usage in the current period, as `GET /admin/keys/{id}` answers it. */
export async function describeKeyUsage(
  keys: KeyServices,
  config: KeyConfig,
  nowMs = Date.now(),
): Promise<Record<string, unknown>> {
  const period = budgetPeriodAt(usagePeriodOf(config), nowMs);
  const [usage, inFlight] = await Promise.all([
    keys.store.readUsage(config.id, period.id),
    keys.store.leasesInUse(config.id),
  ]);
  const costUsd = usage.costMicros / 1e6;
  return {
    id: config.id,
    object: 'gateway.key',
    models: config.models ?? null,
    limits: {
      rpm: config.rpm ?? null,
      tpm: config.tpm ?? null,
      maxParallel: config.maxParallel ?? null,
      budget: config.budget ?? null,
    },
    period: {
      kind: usagePeriodOf(config),
      id: period.id,
      start: new Date(period.startMs).toISOString(),
      end: Number.isFinite(period.endMs) ? new Date(period.endMs).toISOString() : null,
    },
    usage: {
      requests: usage.requests,
      promptTokens: usage.prompt,
      completionTokens: usage.completion,
      cachedTokens: usage.cached,
      reasoningTokens: usage.reasoning,
      // Requests still in flight count at their estimated cost until they settle.
      costUsd,
    },
    budget:
      config.budget === undefined
        ? null
        : {
            usd: config.budget.usd,
            spentUsd: costUsd,
            remainingUsd: Math.max(0, config.budget.usd - costUsd),
          },
    inFlight,
    // Models that answered with tokens but have no price: their cost counted as 0.
    unpricedModels: usage.unpriced,
    store: keys.store.primary.kind,
  };
}
