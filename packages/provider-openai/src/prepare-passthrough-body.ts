import type { PassthroughRequestV1 } from '@multi-ai-proxy/core';
import { rewriteJsonModel } from '@multi-ai-proxy/core/provider-utils';
import { rewriteMultipartModel } from './rewrite-multipart-model.js';

/**
 * The upstream body of a passthrough call, with `model` set to `upstreamModel` in JSON bodies and
 * multipart forms. Model-less bodies and other content types go unchanged.
 */
export function preparePassthroughBody(
  request: PassthroughRequestV1,
  upstreamModel: string | undefined,
): PassthroughRequestV1['body'] {
  const body = request.body;
  if (upstreamModel === undefined || body === undefined) return body;
  const contentType = request.contentType?.toLowerCase() ?? '';
  if (contentType.includes('json')) return rewriteJsonModel(body, upstreamModel);
  if (contentType.startsWith('multipart/form-data'))
    return rewriteMultipartModel(body, request.contentType, upstreamModel);
  return body;
}
