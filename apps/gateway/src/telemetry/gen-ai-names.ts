import type { LoadedProvider } from '../plugins/loaded-provider.js';

// The well-known `gen_ai.provider.name` values of the first-party plugins' upstreams (OpenTelemetry
// GenAI semantic conventions); a plugin may declare its own with `genAiProviderName`.
const FIRST_PARTY_PROVIDER_NAMES: Record<string, string> = {
  '@multi-ai-proxy/provider-azure': 'azure.ai.openai',
  '@multi-ai-proxy/provider-google': 'gcp.gemini',
  '@multi-ai-proxy/provider-vertex': 'gcp.vertex_ai',
  '@multi-ai-proxy/provider-openai': 'openai',
};

/** `gen_ai.provider.name` of a loaded instance: what its provider declares, the first-party table, else the package name. */
export function genAiProviderNameOf(entry: LoadedProvider): string {
  return (
    entry.provider.genAiProviderName ??
    FIRST_PARTY_PROVIDER_NAMES[entry.plugin.packageName] ??
    entry.plugin.packageName
  );
}

/** The inbound APIs the gateway serves, as the `inbound_api` label. */
export type InboundApi =
  | 'chat'
  | 'completions'
  | 'embeddings'
  | 'responses'
  | 'messages'
  | 'passthrough';

/**
 * `gen_ai.operation.name` for an inbound API at an upstream: Gemini's API is `generate_content`
 * whatever the client called (chat, completions, responses, messages), embeddings are `embeddings`.
 */
export function genAiOperationNameOf(inbound: InboundApi, providerName: string): string {
  if (inbound === 'embeddings') return 'embeddings';
  if (providerName.startsWith('gcp.')) return 'generate_content';
  if (inbound === 'completions') return 'text_completion';
  if (inbound === 'passthrough') return 'passthrough';
  return 'chat';
}

const INBOUND_BY_CAPABILITY: Record<'chatCompletions' | 'completions' | 'embeddings', InboundApi> =
  { chatCompletions: 'chat', completions: 'completions', embeddings: 'embeddings' };

/** The inbound API of a model operation route. */
export function inboundApiOf(
  capability: 'chatCompletions' | 'completions' | 'embeddings',
): InboundApi {
  return INBOUND_BY_CAPABILITY[capability];
}
