/**
 * Served by /v1/models when the credentials may not list Model Garden's publisher models (HTTP 401,
 * 403 or 404 from the list call, e.g. express-mode keys or a service account with only
 * roles/aiplatform.user on a restricted project). Current Gemini, Imagen and embedding models on Vertex AI.
 */
export const BUILT_IN_VERTEX_MODELS: readonly string[] = [
  'gemini-3.1-pro-preview',
  'gemini-3-pro-preview',
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-2.0-flash-001',
  'gemini-2.0-flash-lite-001',
  'gemini-2.5-flash-image',
  'gemini-2.5-flash-tts',
  'imagen-4.0-generate-001',
  'imagen-4.0-fast-generate-001',
  'gemini-embedding-001',
  'text-embedding-005',
  'text-multilingual-embedding-002',
];
