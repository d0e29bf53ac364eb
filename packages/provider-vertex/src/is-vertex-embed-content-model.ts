/**
 * Which Vertex embedding models are served by `:embedContent` (one input per call) rather than the
 * batched `:predict`: Gemini embedding models except gemini-embedding-001, and MaaS models — the rule
 * of Google's SDKs (`tIsVertexEmbedContentModel` in js-genai, go-genai, python-genai).
 */
export function isVertexEmbedContentModel(model: string): boolean {
  return (model.includes('gemini') && model !== 'gemini-embedding-001') || model.includes('maas');
}

/**
 * Inputs per `:predict` call. Vertex takes up to 250 texts per request for text-embedding-* models
 * (cloud.google.com "Get text embeddings", API limits); gemini-embedding-001 takes one instance per
 * request.
 */
export function vertexPredictBatchSize(model: string): number {
  return model === 'gemini-embedding-001' ? 1 : 250;
}
