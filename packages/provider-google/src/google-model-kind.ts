/**
 * What a Google model id serves through the gateway's OpenAI routes, read from the id alone (the Gemini
 * API's `supportedGenerationMethods` say `predict` for Imagen but nothing about speech or images, and
 * Vertex's catalog says neither): Imagen (`imagen-4.0-generate-001`, `:predict`), Gemini image models
 * (`gemini-2.5-flash-image`, `gemini-3-pro-image-preview`), Gemini TTS models (`gemini-2.5-flash-preview-tts`,
 * `gemini-2.5-flash-tts`), embedding models, Live-API-only audio models, and the Gemini/Gemma chat models.
 */
export type GoogleModelKind =
  | 'imagen'
  | 'gemini-image'
  | 'gemini-tts'
  | 'embedding'
  | 'live'
  | 'chat';

export function googleModelKind(model: string): GoogleModelKind {
  const id = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  if (id.startsWith('imagen-') || id.startsWith('imagegeneration')) return 'imagen';
  if (/embedding/.test(id)) return 'embedding';
  if (/^gemini-.*-tts(-|$)/.test(id)) return 'gemini-tts';
  if (/^gemini-.*-image(-|$)/.test(id)) return 'gemini-image';
  // Bidirectional streaming (Live API) only: generateContent answers 404 for them.
  if (/^gemini-(.*-)?live-|native-audio/.test(id)) return 'live';
  return 'chat';
}
