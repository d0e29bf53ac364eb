import { type ProviderV1, resolveAlias } from '@multi-ai-proxy/core';

/** The label of a model nobody configured or listed. */
export const OTHER_MODEL = 'other';
/** The label of a model-less request (files, fine-tuning jobs). */
export const NO_MODEL = 'none';

/**
 * The `gen_ai_request_model` label: the routed model only when it is a configured name (a config
 * route, an entry of the provider's mapping or alias table) or one the upstream listed; anything
 * else — typos, made-up names — is `other`, so clients cannot mint series. A hard cap bounds even
 * generous mapping rules (a date-suffix rule maps infinitely many names).
 */
export class ModelLabelSet {
  private readonly accepted = new Set<string>();

  constructor(
    private readonly routeAliases: ReadonlyMap<string, string>,
    private readonly limit = 500,
  ) {}

  labelOf(provider: ProviderV1, requested: string | undefined, routed: string | undefined): string {
    if (routed === undefined) return NO_MODEL;
    if (this.accepted.has(routed)) return routed;
    if (this.accepted.size >= this.limit) return OTHER_MODEL;
    const known =
      // A config route (exact or glob) routes to a model the operator wrote down: a bounded set.
      (requested !== undefined && resolveAlias(requested, this.routeAliases) !== undefined) ||
      provider.mapModel?.(routed) !== undefined ||
      provider.knownModels?.()?.has(routed) === true;
    if (!known) return OTHER_MODEL;
    this.accepted.add(routed);
    return routed;
  }

  get size(): number {
    return this.accepted.size;
  }
}
