import type { OpenAIModel, OpenAIModelList, ProviderV1 } from '@multi-ai-proxy/core';
import { isAliasGlob, UnknownModelError } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import { isModelAllowed } from '../../keys/key-directory.js';
import { modelNotAllowedError } from '../../keys/key-limit-errors.js';
import { buildCallContext } from '../build-call-context.js';
import type { GatewayState } from '../gateway-state.js';
import type { RouteDependencies } from '../route-dependencies.js';
import { toAnthropicModelPage } from '../../inbound/messages/to-anthropic-model-page.js';
import { createPassthroughRoute } from './passthrough-route.js';

/**
 * `GET /v1/models`: every provider's list, merged in precedence order (the first provider to list an
 * id is the one that serves it), plus the config file's route aliases. A failing provider is skipped
 * and logged; if every provider fails, the first error is the answer (with its upstream status).
 */
export function createModelsRoutes(deps: RouteDependencies) {
  const listAll = async (ctx: Context & { state: GatewayState }): Promise<OpenAIModel[]> => {
    const listing = deps.registry.providersByPrecedence.filter(
      (provider) => provider.capabilities.listModels && provider.listModels,
    );
    const results = await Promise.allSettled(
      listing.map((provider) => {
        const context = buildCallContext(
          ctx,
          { provider, model: undefined, upstreamModel: undefined },
          deps,
          undefined,
        );
        return (provider.listModels as NonNullable<ProviderV1['listModels']>)(context);
      }),
    );
    ctx.state.provider = listing.map((provider) => provider.instanceName).join(',');
    const failures = results.filter(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    if (failures.length > 0 && failures.length === results.length) throw failures[0]?.reason;
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected') {
        deps.logger.warn(
          {
            requestId: ctx.state.requestId,
            provider: listing[index]?.instanceName,
            err: { message: (result.reason as Error)?.message },
          },
          'model listing failed',
        );
      }
    }
    const seen = new Set<string>();
    const data: OpenAIModel[] = [];
    for (const result of results) {
      if (result.status !== 'fulfilled') continue;
      for (const model of result.value) {
        if (seen.has(model.id)) continue;
        seen.add(model.id);
        data.push(model);
      }
    }
    for (const [alias, target] of deps.registry.routeAliases) {
      // A glob route (`claude-sonnet-*`) is a rule, not a model: nothing to list.
      if (seen.has(alias) || isAliasGlob(alias)) continue;
      seen.add(alias);
      data.push({
        id: alias,
        object: 'model',
        created: 0,
        // A route to a model group is the gateway's, like the group itself.
        owned_by: target.includes('/') ? target.slice(0, target.indexOf('/')) : 'multi-ai-proxy',
      });
    }
    // Model groups are callable ids too, owned by the gateway that routes them.
    for (const name of deps.modelRouter?.names ?? []) {
      if (seen.has(name)) continue;
      seen.add(name);
      data.push({ id: name, object: 'model', created: 0, owned_by: 'multi-ai-proxy' });
    }
    // A key with an allowlist sees only the models it may use.
    const key = ctx.state.key;
    return key?.config?.models === undefined
      ? data
      : data.filter((model) => isModelAllowed(key, model.id));
  };

  const retrieveViaProvider = createPassthroughRoute(deps, {
    operation: 'models.retrieve',
    modelFromPath: (ctx) => ctx.params.modelPath,
    params: (ctx) => ({ modelId: ctx.params.modelPath as string }),
  });
  const capabilities = createPassthroughRoute(deps, {
    operation: 'models.capabilities',
    modelFromPath: (ctx) => ctx.params.modelPath,
    params: (ctx) => ({ modelId: ctx.params.modelPath as string }),
  });

  return {
    list: async (ctx: Context & { state: GatewayState }) => {
      const data = await listAll(ctx);
      // Anthropic's clients (Claude Code's model discovery) send `anthropic-version` and read Anthropic's page shape.
      if (ctx.get('anthropic-version') !== '') {
        ctx.body = toAnthropicModelPage(data);
        return;
      }
      const body: OpenAIModelList = { object: 'list', data };
      ctx.body = body;
    },
    /** `/v1/models/{id}` and `/v1/models/{id}/capabilities`; ids may contain `/` (`google/gemini-2.5-flash`). */
    retrieve: async (ctx: Context & { state: GatewayState }) => {
      const path = (ctx.params.modelPath as string) ?? '';
      const modelId = path.endsWith('/capabilities')
        ? path.slice(0, -'/capabilities'.length)
        : path;
      if (!isModelAllowed(ctx.state.key, modelId))
        throw modelNotAllowedError(ctx.state.key?.id ?? '', modelId);
      if (path.endsWith('/capabilities')) {
        ctx.params.modelPath = path.slice(0, -'/capabilities'.length);
        return capabilities(ctx);
      }
      const route = safeResolve(deps, path);
      if (route?.capabilities.passthrough.includes('models.retrieve'))
        return retrieveViaProvider(ctx);
      // No provider-side lookup: answer from the merged list, as OpenAI's retrieve would.
      const found = (await listAll(ctx)).find((model) => model.id === path);
      if (found === undefined) throw new UnknownModelError(path, '');
      ctx.body = found;
    },
  };
}

function safeResolve(deps: RouteDependencies, model: string): ProviderV1 | undefined {
  try {
    return deps.registry.resolveModel(model).provider;
  } catch {
    return undefined;
  }
}
