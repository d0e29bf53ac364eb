import type { IncomingHttpHeaders } from 'node:http';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { createUpstreamApiError } from '@multi-ai-proxy/provider-openai/internal';
import { mapGoogleError } from '@multi-ai-proxy/provider-google/internal';

/**
 * An error answer of Vertex's OpenAI-compatible endpoints (`endpoints/openapi/chat/completions`,
 * `endpoints/{id}/chat/completions`) → UpstreamApiError in the OpenAI shape, upstream status kept.
 * Vertex's own front end answers google.rpc Status bodies (`{"error":{"code","message","status"}}`,
 * sometimes wrapped in a one-element array): those go through provider-google's mapper (code from
 * the rpc status, `RetryInfo` → `retry-after`, never `DebugInfo`). Bodies the model server itself
 * wrote (vLLM, a partner's OpenAI-shaped error) are read as OpenAI errors. `secrets` are scrubbed.
 */
export function mapVertexOpenAIError(
  provider: string,
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
  secrets: readonly (string | undefined)[],
): UpstreamApiError {
  const empty = body.toString('utf8').trim() === '';
  if (!empty && !isGoogleRpcBody(body))
    return createUpstreamApiError({ provider, status, headers, body, secrets });
  const error = mapGoogleError(status, body, provider, headers);
  if (error.status !== 404) return error;
  // A Model Garden model Vertex does not serve to this project here (not enabled, another location):
  // a 404 with a NOT_FOUND status or an empty body (vercel/ai#15684). The client learns it is the model.
  return new UpstreamApiError({
    provider,
    status: 404,
    message: empty
      ? `Vertex AI answered HTTP 404 without a body: the model is unknown, not enabled in this project, or not served in this location.`
      : error.message,
    code: 'model_not_found',
    param: 'model',
    headers: error.headers,
  });
}

function isGoogleRpcBody(body: Buffer): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return false;
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  const error = (parsed as { error?: unknown } | null)?.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'string'
  );
}
