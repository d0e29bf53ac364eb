/**
 * OpenAI routes a provider may serve as raw passthrough (bytes in, upstream response out).
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
] as const;

export type PassthroughOperationV1 = (typeof PASSTHROUGH_OPERATIONS_V1)[number];
