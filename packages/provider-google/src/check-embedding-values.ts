import { UpstreamApiError } from '@multi-ai-proxy/core';

/** An embedding answer's vector, or a 502 saying the upstream answered something else. */
export function checkEmbeddingValues(
  provider: string,
  upstreamName: string,
  values: unknown,
): number[] {
  if (!Array.isArray(values) || values.some((value) => typeof value !== 'number')) {
    throw new UpstreamApiError({
      provider,
      status: 502,
      message: `Provider "${provider}": ${upstreamName} answered an embedding without numeric values.`,
    });
  }
  return values as number[];
}
