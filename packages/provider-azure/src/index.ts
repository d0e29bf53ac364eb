export { AZURE_MODEL_PATTERNS } from './azure-model-patterns.js';
export { createAzureProvider } from './azure-provider.js';
export {
  type AzureApiSurface,
  type AzureProviderOptions,
  DEFAULT_AZURE_API_VERSION,
  DEFAULT_AZURE_MODELS_API_VERSION,
  DEFAULT_AZURE_SERVERLESS_ENDPOINT_TEMPLATE,
  parseAzureProviderOptions,
} from './azure-provider-options.js';
export { azureProviderPlugin as default, azureProviderPlugin } from './azure-provider-plugin.js';
export { DEFAULT_AZURE_MODEL_MAPPING } from './default-azure-model-mapping.js';
export {
  DEFAULT_AZURE_RESPONSES_ONLY_MODELS,
  isResponsesOnlyModel,
} from './is-responses-only-model.js';
export type { AzureServerlessDeployment } from './parse-azure-serverless-deployments.js';
