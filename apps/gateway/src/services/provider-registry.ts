import {
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
  model: string | undefined;
  upstreamModel: string | undefined;
}

/**
 * The loaded provider instances and the routing decisions over them. Built once at startup;
 * the route table is immutable afterwards, so per-request resolution allocates almost nothing.
 */
export class ProviderRegistry {
  readonly entries: readonly LoadedProvider[];
  private readonly table: RouteTable<ProviderV1>;
  private readonly routes: ReadonlyMap<string, string>;

  constructor(entries: readonly LoadedProvider[], defaultProvider: string | undefined, routes: ReadonlyMap<string, string>, hint: string) {
    this.entries = entries;
    this.routes = routes;
    const providers = entries.map((entry) => entry.provider);
    const loadedDefault = providers.some((provider) => provider.instanceName === defaultProvider) ? defaultProvider : undefined;
    this.table = { providers, defaultInstance: loadedDefault, hint: providers.length === 0 ? hint : undefined };
  }

  get defaultInstance(): string | undefined {
    return this.table.defaultInstance;
  }

  get providers(): readonly ProviderV1[] {
    return this.table.providers;
  }

  /** Config-file routes first (`fast` → `google/gemini-2.5-flash`), then core's resolution pipeline. */
  resolveModel(model: string): ResolvedRoute<ProviderV1> {
    return resolveRoute(this.routes.get(model) ?? model, this.table);
  }

  /** Resolves `model` and checks the provider has `capability`. */
  dispatchModel(model: string, capability: keyof ProviderCapabilitiesV1, operation: string): Dispatch {
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
    const preferred = candidates.find((provider) => provider.instanceName === this.table.defaultInstance);
    const provider = preferred !== undefined && supports(preferred) ? preferred : candidates.find(supports);
    if (provider === undefined) {
      throw new UnsupportedOperationError(operation, undefined, {
        status: 404,
        detail: candidates.length === 0 ? this.table.hint : `Loaded providers: ${candidates.map((candidate) => candidate.instanceName).join(', ')}.`,
      });
    }
    return { provider, model: undefined, upstreamModel: undefined };
  }

  /** Config-file routes, listed by /v1/models as callable ids. */
  get routeAliases(): ReadonlyMap<string, string> {
    return this.routes;
  }
}
