import { rewriteJsonModel } from '@multi-ai-proxy/core/provider-utils';

/**
 * The upstream body of a chat/completions/embeddings call: the client's exact bytes when the
 * upstream model is the one the client named, else the bytes with `model` replaced (an
 * `instance/` prefix removed, an alias resolved). Falls back to serialising the parsed request
 * when the host gave no raw bytes (direct library use).
 */
export function prepareJsonBody(
  rawBody: Uint8Array | undefined,
  request: { model?: unknown },
  upstreamModel: string | undefined,
): Uint8Array {
  const body = rawBody ?? Buffer.from(JSON.stringify(request), 'utf8');
  if (upstreamModel === undefined || upstreamModel === request.model) return body;
  return rewriteJsonModel(body, upstreamModel);
}
