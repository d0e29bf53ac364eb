export { matchModelPattern } from './match-model-pattern.js';
export { type ModelReference, parseModelReference } from './parse-model-reference.js';
export { isAliasGlob, resolveAlias } from './resolve-alias.js';
export {
  mapUpstreamModel,
  orderByPrecedence,
  type ResolvedRoute,
  type RoutableProvider,
  type RouteMatch,
  type RouteTable,
  resolveRoute,
} from './resolve-route.js';
