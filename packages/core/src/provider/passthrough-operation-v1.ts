/**
 * Routes a provider may serve as raw passthrough (bytes in, upstream response out): OpenAI's, Anthropic's
 * Messages API, and the native Gemini API (`/gemini/v1beta/…`) and Vertex AI (`/vertex/v1/projects/…`) routes.
 * The host maps each incoming path to one of these names.
 */
export const PASSTHROUGH_OPERATIONS_V1 = [
  'images.generations',
  'images.edits',
  'audio.speech',
  'audio.transcriptions',
  'audio.translations',
  'audio.voices',
  'files',
  'fine_tuning',
  'models.retrieve',
  'models.capabilities',
  'deployments',
  'responses',
  // Native upstream APIs under the gateway's own prefixes (`/gemini/…`, `/vertex/…`): bytes in and out.
  'gemini.native',
  'vertex.native',
  // Anthropic's Messages API (`/v1/messages`, `/v1/messages/count_tokens` as `params.rest`).
  'messages',
] as const;

export type PassthroughOperationV1 = (typeof PASSTHROUGH_OPERATIONS_V1)[number];
