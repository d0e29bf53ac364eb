export {
  anthropicProviderPlugin as default,
  anthropicProviderPlugin,
} from './anthropic-provider-plugin.js';
export {
  type AnthropicProviderOverrides,
  createAnthropicProvider,
} from './create-anthropic-provider.js';
export {
  type AnthropicProviderOptions,
  type AnthropicUpstreamKind,
  DEFAULT_ANTHROPIC_BASE_URL,
  DEFAULT_ANTHROPIC_MODEL_PATTERNS,
  parseAnthropicProviderOptions,
} from './anthropic-provider-options.js';
export { BETA_ALLOWLISTS, filterAnthropicBeta } from './anthropic-beta-allowlists.js';
