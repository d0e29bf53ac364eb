export { BUILT_IN_VERTEX_MODELS } from './built-in-vertex-models.js';
export { createVertexProvider, type VertexProviderOverrides } from './create-vertex-provider.js';
export {
  parseVertexOptions,
  type VertexAuthOptions,
  type VertexOptions,
  type VertexRawOptions,
} from './parse-vertex-options.js';
export { resolveVertexBaseUrl } from './resolve-vertex-base-url.js';
export {
  DEFAULT_VERTEX_MODEL_ALIASES,
  DEFAULT_VERTEX_MODEL_PATTERNS,
} from './vertex-model-aliases.js';
export { vertexProviderPlugin as default, vertexProviderPlugin } from './vertex-provider-plugin.js';
