import { UnknownModelError } from '../errors/unknown-model-error.js';
import type { ProviderV1 } from '../provider/provider-v1.js';
import { matchModelPattern } from './match-model-pattern.js';
import { parseModelReference } from './parse-model-reference.js';
import { resolveAlias } from './resolve-alias.js';

export type RoutableProvider = Pick<
  ProviderV1,
  'instanceName' | 'mapModel' | 'modelPatterns' | 'knownModels'
>;

export type RouteMatch = 'prefix' | 'mapping' | 'pattern' | 'model-list' | 'default';

export interface ResolvedRoute<P extends RoutableProvider> {
  provider: P;
  /** The model without an instance prefix. */
  model: string;
  upstreamModel: string;
  matchedBy: RouteMatch;
}

export interface RouteTable<P extends RoutableProvider> {
  /** Providers in configuration order. */
  providers: readonly P[];
  /**
   * Public names the operator declared (config-file `routes`: `fast` → `azure-us/gpt-4o-mini`), applied
   * before every other step: exact names (case-sensitive) first, then globs (`claude-sonnet-*`), the
   * one with the most literal characters first (`resolveAlias`).
   */
  aliases?: ReadonlyMap<string, string>;
  /** Instance name of the default provider (AZURE_OPENAI_PROXY_MODE), if loaded. */
  defaultInstance: string | undefined;
  /** Appended to the 404 message when nothing matches (e.g. which variables to set). */
  hint?: string;
}

/**
 * The one place that decides which provider serves a model. Resolves a request's `model` to a provider
 * instance and a final upstream model, in this order:
 * 0. an operator alias (`aliases`: exact name, else the longest matching glob — `resolveAlias`), whose
 *    target is then resolved by the steps below;
 * 1. an `instance/model` prefix; 2. a provider's alias/mapping table; 3. a pattern a provider claims;
 * 4. the model list a provider reported; 5. the default provider.
 * Within one step the default provider wins, then configuration order (`orderByPrecedence`).
 */
export function resolveRoute<P extends RoutableProvider>(
  requestedModel: string,
  table: RouteTable<P>,
): ResolvedRoute<P> {
  const ordered = orderByPrecedence(table);
  const target = resolveAlias(requestedModel, table.aliases) ?? requestedModel;
  const reference = parseModelReference(
    target,
    new Set(ordered.map((provider) => provider.instanceName)),
  );
  const model = reference.model;

  if (reference.instanceName !== undefined) {
    const provider = ordered.find(
      (candidate) => candidate.instanceName === reference.instanceName,
    ) as P;
    return {
      provider,
      model,
      upstreamModel: mapUpstreamModel(provider, model),
      matchedBy: 'prefix',
    };
  }
  for (const provider of ordered) {
    const mapped = provider.mapModel?.(model);
    if (mapped !== undefined)
      return { provider, model, upstreamModel: mapped, matchedBy: 'mapping' };
  }
  for (const provider of ordered) {
    if (provider.modelPatterns?.some((pattern) => matchModelPattern(pattern, model))) {
      return { provider, model, upstreamModel: model, matchedBy: 'pattern' };
    }
  }
  for (const provider of ordered) {
    if (provider.knownModels?.()?.has(model))
      return { provider, model, upstreamModel: model, matchedBy: 'model-list' };
  }
  const fallback =
    table.defaultInstance === undefined
      ? undefined
      : ordered.find((provider) => provider.instanceName === table.defaultInstance);
  if (fallback !== undefined)
    return { provider: fallback, model, upstreamModel: model, matchedBy: 'default' };

  const names = table.providers.map((provider) => provider.instanceName);
  const hint =
    names.length > 0
      ? `Configured providers: ${names.join(', ')}; prefix the model with one of them (e.g. \`${names[0]}/${model}\`).`
      : 'No provider is configured.';
  throw new UnknownModelError(requestedModel, [hint, table.hint].filter(Boolean).join(' '));
}

/** What `provider` calls `model` upstream: its own mapping table's answer, else the model as it is. */
export function mapUpstreamModel(provider: RoutableProvider, model: string): string {
  return provider.mapModel?.(model) ?? model;
}

/** The providers in routing precedence: the default provider first, then configuration order. */
export function orderByPrecedence<P extends RoutableProvider>(
  table: Pick<RouteTable<P>, 'providers' | 'defaultInstance'>,
): readonly P[] {
  const index = table.providers.findIndex(
    (provider) => provider.instanceName === table.defaultInstance,
  );
  if (index <= 0) return table.providers;
  return [
    table.providers[index] as P,
    ...table.providers.slice(0, index),
    ...table.providers.slice(index + 1),
  ];
}
