import { PluginContractError } from '../errors/plugin-contract-error.js';
import type { ProviderV1 } from '../provider/provider-v1.js';

const METHOD_BY_CAPABILITY = {
  chatCompletions: 'createChatCompletion',
  completions: 'createCompletion',
  embeddings: 'createEmbedding',
  listModels: 'listModels',
} as const;

/** Runtime check of what `createProvider` returned: declared capabilities must have their methods. */
export function assertProvider(candidate: unknown, packageName: string): ProviderV1 {
  if (typeof candidate !== 'object' || candidate === null) {
    throw new PluginContractError(
      packageName,
      'createProvider() returned no object',
      'Return a ProviderV1 object.',
    );
  }
  const provider = candidate as Record<string, unknown>;
  if (provider.contractVersion !== 1) {
    throw new PluginContractError(
      packageName,
      'createProvider() returned a provider without contractVersion: 1',
      'Set contractVersion: 1 on the provider object.',
    );
  }
  const capabilities = provider.capabilities as Record<string, unknown> | undefined;
  if (
    typeof capabilities !== 'object' ||
    capabilities === null ||
    !Array.isArray(capabilities.passthrough)
  ) {
    throw new PluginContractError(
      packageName,
      'returned a provider without capabilities',
      'Declare capabilities: { chatCompletions, streaming, completions, embeddings, listModels, passthrough: [] }.',
    );
  }
  for (const [capability, method] of Object.entries(METHOD_BY_CAPABILITY)) {
    if (capabilities[capability] === true && typeof provider[method] !== 'function') {
      throw new PluginContractError(
        packageName,
        `declares ${capability} but has no ${method}()`,
        `Implement ${method}() or set ${capability}: false.`,
      );
    }
  }
  if (
    (capabilities.passthrough as unknown[]).length > 0 &&
    typeof provider.passthrough !== 'function'
  ) {
    throw new PluginContractError(
      packageName,
      'declares passthrough routes but has no passthrough()',
      'Implement passthrough() or declare passthrough: [].',
    );
  }
  // Optional methods without a capability flag: present means callable.
  for (const method of ['countTokens'] as const) {
    if (provider[method] !== undefined && typeof provider[method] !== 'function') {
      throw new PluginContractError(
        packageName,
        `has a ${method} that is not a function`,
        `Implement ${method}() or leave it out.`,
      );
    }
  }
  return candidate as ProviderV1;
}
