import { MODEL_GARDEN_ID } from './parse-vertex-model-garden.js';

/**
 * Whether a model id names a Model Garden model for Vertex's OpenAI-compatible endpoint: one of the
 * configured `modelGarden.models`, or `publisher/model` with a configured publisher (`meta`, `qwen`…).
 * Google's own models (`gemini-2.5-flash`, no publisher) are not: they keep the Gemini translation.
 */
export function isModelGardenModel(
  model: string,
  garden: { publishers: readonly string[]; models: readonly string[] },
): boolean {
  if (garden.models.includes(model)) return true;
  const match = MODEL_GARDEN_ID.exec(model);
  return match !== null && garden.publishers.includes(match[1] as string);
}
