import type { OpenAIModel } from '@multi-ai-proxy/core';
import { googleModelCapabilities } from '@multi-ai-proxy/provider-google/internal';

/** One entry of `GET /v1beta1/publishers/google/models` (fields this provider reads). */
export interface VertexPublisherModel {
  name?: string;
  versionId?: string;
  launchStage?: string;
}

// What this provider can call: Gemini models (chat, image, TTS), Imagen, and the text embedding models.
// Veo, Chirp, Gemma (deployed to endpoints) and the rest of Model Garden are not reachable through these routes.
const SERVED_MODEL_PATTERN = /^(gemini-|imagen-|text-embedding-|text-multilingual-embedding-)/;

/** Publisher models → OpenAI model objects, with the ids clients send (`gemini-2.5-flash`). */
export function convertVertexPublisherModels(
  models: readonly VertexPublisherModel[],
): OpenAIModel[] {
  const seen = new Set<string>();
  const converted: OpenAIModel[] = [];
  for (const model of models) {
    const id = model.name?.split('/').pop();
    if (!id || !SERVED_MODEL_PATTERN.test(id) || seen.has(id)) continue;
    seen.add(id);
    const entry: OpenAIModel = {
      id,
      object: 'model',
      created: 0,
      owned_by: 'google',
      capabilities: googleModelCapabilities(id),
    };
    if (model.launchStage) entry.launch_stage = model.launchStage;
    converted.push(entry);
  }
  return converted;
}
