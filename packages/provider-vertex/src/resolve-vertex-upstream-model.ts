import { type CallContextV1, InvalidRequestError } from '@multi-ai-proxy/core';
import { checkVertexModelId } from './build-vertex-model-url.js';

/**
 * The Vertex model to call: what routing resolved (`context.upstreamModel`, aliases applied), else the
 * request's own model through the alias table (a provider used outside the gateway's router).
 */
export function resolveVertexUpstreamModel(requestModel: unknown, context: CallContextV1, mapModel: (model: string) => string | undefined): string {
  const model = context.upstreamModel ?? (typeof requestModel === 'string' ? (mapModel(requestModel) ?? requestModel) : undefined);
  if (typeof model !== 'string' || model.length === 0) throw new InvalidRequestError('`model` is required.', { param: 'model' });
  checkVertexModelId(model);
  return model;
}
