import type { ProviderV1 } from '@multi-ai-proxy/core';

/** The label of a model nobody configured or listed. */
export const OTHER_MODEL = 'other';
/** The label of a model-less request (files, fine-tuning jobs). */
export const NO_MODEL = 'none';

/**
 * The `gen_ai_request_model` label: the routed model only when it is a configured name (a config
 * route or model group, an entry of the provider's mapping or alias table) or one the upstream listed; anything
 * else — typos, made-up names — is `other`, so clients cannot mint series. A hard cap bounds even
 * generous mapping rules (a date-suffix rule maps infinitely many names).
 */
export class ModelLabelSet {
  private readonly accepted = new Set<string>();

  constructor(
    /** The public names of the config file's routes (exact or matching a glob route) and model groups. */
    private readonly configuredNames: { has(name: string): boolean },
    private readonly limit = 500,
  ) {}

  labelOf(provider: ProviderV1, requested: string | undefined, routed: string | undefined): string {
    if (routed === undefined) return NO_MODEL;
    if (this.accepted.has(routed)) return routed;
    if (this.accepted.size >= this.limit) return OTHER_MODEL;
    const known =
      (requested !== undefined && this.configuredNames.has(requested)) ||
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
