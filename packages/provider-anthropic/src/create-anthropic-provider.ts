import type { PluginContextV1, ProviderV1 } from '@multi-ai-proxy/core';
import { createHttpClient } from '@multi-ai-proxy/core/provider-utils';
import type { Got } from 'got';
import type { AnthropicProviderOptions } from './anthropic-provider-options.js';
import { createAnthropicChatCompletion } from './create-anthropic-chat-completion.js';
import { createAnthropicCompletion } from './create-anthropic-completion.js';
import { countAnthropicTokens } from './count-anthropic-tokens.js';
import { createAnthropicUpstream } from './create-anthropic-upstream.js';
import { forwardAnthropicMessages } from './forward-anthropic-messages.js';

/** Seams for tests; the gateway passes none. */
export interface AnthropicProviderOverrides {
  httpClient?: Got;
}

const GEN_AI_PROVIDER_NAMES = {
  foundry: 'azure.ai.inference',
  vertex: 'gcp.vertex_ai',
  anthropic: 'anthropic',
} as const;

/**
 * One Claude upstream (Foundry, Vertex or Anthropic's API): chat and legacy completions translated to
 * the Messages API, the upstream's own token count (`countTokens`), and the `messages` passthrough for
 * clients that speak Messages themselves.
 */
export async function createAnthropicProvider(
  options: AnthropicProviderOptions,
  context: PluginContextV1,
  overrides: AnthropicProviderOverrides = {},
): Promise<ProviderV1> {
  const provider = context.instanceName;
  const upstream = await createAnthropicUpstream(options, provider);
  const settings = {
    provider,
    client: overrides.httpClient ?? createHttpClient(),
    upstream,
    timeoutMs: context.upstreamTimeoutMs,
    defaultMaxTokens: options.defaultMaxTokens,
    betaAllowlist: options.betaAllowlist,
  };
  // A Map, not the options object: `constructor` / `__proto__` must not resolve through the prototype.
  const aliases = new Map(Object.entries(options.modelAliases));
  return {
    contractVersion: 1,
    instanceName: provider,
    genAiProviderName: GEN_AI_PROVIDER_NAMES[upstream.kind],
    capabilities: {
      chatCompletions: true,
      streaming: true,
      completions: true,
      embeddings: false,
      listModels: false,
      passthrough: ['messages'],
    },
    modelPatterns: options.modelPatterns,
    mapModel: (model) => aliases.get(model.toLowerCase()),
    knownModels: () => new Set(aliases.keys()),
    createChatCompletion: (request, callContext) =>
      createAnthropicChatCompletion(settings, request, callContext),
    createCompletion: (request, callContext) =>
      createAnthropicCompletion(settings, request, callContext),
    countTokens: (request, callContext) => countAnthropicTokens(settings, request, callContext),
    passthrough: (request, callContext) => forwardAnthropicMessages(settings, request, callContext),
  };
}
