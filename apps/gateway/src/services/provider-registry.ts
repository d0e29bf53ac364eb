import {
  orderByPrecedence,
  type ProviderCapabilitiesV1,
  type ProviderV1,
  type ResolvedRoute,
  resolveRoute,
  type RouteTable,
  UnsupportedOperationError,
} from '@multi-ai-proxy/core';
import type { LoadedProvider } from '../plugins/loaded-provider.js';

export type ModelOperation = 'chatCompletions' | 'completions' | 'embeddings';

/** What a request resolved to: the provider instance and the models it will use. */
export interface Dispatch {
  provider: ProviderV1;
  /** The model as routed (no instance prefix, aliases applied): what the provider sees in the body. */
  model: string | undefined;
  /** Final upstream model (the provider's mapping applied once); undefined only without a model. */
  upstreamModel: string | undefined;
}

/** A dispatch for a model operation: both models are known. */
export interface ModelDispatch extends Dispatch {
  model: string;
  upstreamModel: string;
}

/**
 * The loaded provider instances and the routing decisions over them, made by core's `resolveRoute`
 * (the one place that holds the precedence). Built once at startup; the route table is immutable
 * afterwards, so per-request resolution allocates almost nothing.
 */
export class ProviderRegistry {
  readonly entries: readonly LoadedProvider[];
  /** Every header some loaded plugin declared as carrying client credentials (lower case). */
  readonly credentialHeaders: readonly string[];
  private readonly table: RouteTable<ProviderV1>;
  private readonly credentialHeadersByInstance: ReadonlyMap<string, readonly string[]>;

  constructor(
    entries: readonly LoadedProvider[],
    defaultProvider: string | undefined,
    routes: ReadonlyMap<string, string>,
    hint: string,
  ) {
    this.entries = entries;
    const providers = entries.map((entry) => entry.provider);
    const loadedDefault = providers.some((provider) => provider.instanceName === defaultProvider)
      ? defaultProvider
      : undefined;
    this.table = {
      providers,
      defaultInstance: loadedDefault,
      aliases: routes,
      hint: providers.length === 0 ? hint : undefined,
    };
    this.credentialHeadersByInstance = new Map(
      entries.map((entry) => [
        entry.provider.instanceName,
        entry.plugin.clientCredentialHeaders ?? [],
      ]),
    );
    this.credentialHeaders = [
      ...new Set(entries.flatMap((entry) => entry.plugin.clientCredentialHeaders ?? [])),
    ];
  }

  get defaultInstance(): string | undefined {
    return this.table.defaultInstance;
  }

  /** Providers in configuration order. */
  get providers(): readonly ProviderV1[] {
    return this.table.providers;
  }

  /** Providers in routing precedence (the default first): who lists an id first is who serves it. */
  get providersByPrecedence(): readonly ProviderV1[] {
    return orderByPrecedence(this.table);
  }

  /** The client credential headers the plugin of `instanceName` declared. */
  credentialHeadersOf(instanceName: string): readonly string[] {
    return this.credentialHeadersByInstance.get(instanceName) ?? [];
  }

  resolveModel(model: string): ResolvedRoute<ProviderV1> {
    return resolveRoute(model, this.table);
  }

  /** Resolves `model` once and checks the provider has `capability` (declared methods are checked at load). */
  dispatchModel(
    model: string,
    capability: keyof ProviderCapabilitiesV1,
    operation: string,
  ): ModelDispatch {
    const route = this.resolveModel(model);
    const capabilities = route.provider.capabilities;
    const supported = capability === 'passthrough' ? true : capabilities[capability] === true;
    if (!supported) throw new UnsupportedOperationError(operation, route.provider.instanceName);
    return { provider: route.provider, model: route.model, upstreamModel: route.upstreamModel };
  }

  /**
   * For requests without a model (files, fine-tuning jobs, response ids): the default provider if it
   * serves the operation, else the first provider in configuration order that does.
   */
  dispatchWithoutModel(supports: (provider: ProviderV1) => boolean, operation: string): Dispatch {
    const candidates = this.table.providers;
    const preferred = candidates.find(
      (provider) => provider.instanceName === this.table.defaultInstance,
    );
    const provider =
      preferred !== undefined && supports(preferred) ? preferred : candidates.find(supports);
    if (provider === undefined) {
      throw new UnsupportedOperationError(operation, undefined, {
        status: 404,
        detail:
          candidates.length === 0
            ? this.table.hint
            : `Loaded providers: ${candidates.map((candidate) => candidate.instanceName).join(', ')}.`,
      });
    }
    return { provider, model: undefined, upstreamModel: undefined };
  }

  /** Config-file routes, listed by /v1/models as callable ids. */
  get routeAliases(): ReadonlyMap<string, string> {
    return this.table.aliases ?? new Map();
  }
}
