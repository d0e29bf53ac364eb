import type { ProviderMode } from '../config/gateway-settings.js';

/** The plugins shipped with the gateway, by the mode name that selects each. */
export const FIRST_PARTY_PLUGINS: Readonly<Record<ProviderMode, string>> = {
  azure: '@multi-ai-proxy/provider-azure',
  google: '@multi-ai-proxy/provider-google',
  vertex: '@multi-ai-proxy/provider-vertex',
  openai: '@multi-ai-proxy/provider-openai',
  anthropic: '@multi-ai-proxy/provider-anthropic',
};

/** What an operator sets to enable each first-party provider; named in "nothing configured" errors. */
export const FIRST_PARTY_SETUP_HINT =
  'Set AZURE_OPENAI_ENDPOINT (Azure OpenAI), GOOGLE_AI_STUDIO_API_KEY (Google AI Studio), VERTEX_AI_PROJECT_ID (Vertex AI), ' +
  'OPENAI_API_ENDPOINT or OPENAI_API_KEY (OpenAI-compatible), ANTHROPIC_FOUNDRY_BASE_URL, ANTHROPIC_VERTEX_PROJECT_ID or ANTHROPIC_API_KEY (Claude), or declare providers in the file named by MULTI_AI_PROXY_CONFIG.';
