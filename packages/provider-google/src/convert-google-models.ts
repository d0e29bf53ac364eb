import type { OpenAIModel } from '@multi-ai-proxy/core';
import type { GoogleModel } from './google-api-types.js';
import { googleModelCapabilities } from './google-model-capabilities.js';

/**
 * Gemini model list entries → OpenAI model objects with the ids clients send (`gemini-2.5-flash`,
 * not `models/gemini-2.5-flash`), each with the gateway routes it serves (`capabilities`, read from the
 * id: googleModelCapabilities). Gemini reports no creation date: `created` is 0.
 */
export function convertGoogleModels(
  models: readonly GoogleModel[],
  options: { ownedBy?: string } = {},
): OpenAIModel[] {
  return models
    .filter((model) => typeof model?.name === 'string' && model.name.length > 0)
    .map((model) => {
      const entry: OpenAIModel = {
        id: stripModelsPrefix(model.name),
        object: 'model',
        created: 0,
        owned_by: options.ownedBy ?? 'google',
      };
      if (model.displayName) entry.display_name = model.displayName;
      if (model.inputTokenLimit) entry.context_window = model.inputTokenLimit;
      if (model.outputTokenLimit) entry.max_output_tokens = model.outputTokenLimit;
      if (Array.isArray(model.supportedGenerationMethods))
        entry.supported_generation_methods = model.supportedGenerationMethods;
      // What the gateway's OpenAI routes serve with this model.
      entry.capabilities = googleModelCapabilities(entry.id);
      return entry;
    });
}

/** `models/gemini-2.5-flash` → `gemini-2.5-flash`; other ids unchanged. */
export function stripModelsPrefix(name: string): string {
  return name.startsWith('models/') ? name.slice('models/'.length) : name;
}
