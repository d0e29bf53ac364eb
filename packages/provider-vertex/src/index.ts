export { vertexProviderPlugin as default, vertexProviderPlugin } from './vertex-provider-plugin.js';
export type { VertexOptions, VertexRawOptions, VertexAuthOptions } from './parse-vertex-options.js';
export { DEFAULT_VERTEX_MODEL_ALIASES, DEFAULT_VERTEX_MODEL_PATTERNS } from './vertex-model-aliases.js';
export { BUILT_IN_VERTEX_MODELS } from './built-in-vertex-models.js';
export { resolveVertexBaseUrl } from './resolve-vertex-base-url.js';
