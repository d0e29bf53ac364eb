import { describe, expect, it } from 'vitest';
import { readFixtureJson } from '../test/support/read-fixture.js';
import { convertGoogleModels, stripModelsPrefix } from './convert-google-models.js';
import type { GoogleListModelsResponse } from './google-api-types.js';

describe('convertGoogleModels', () => {
  it('lists the recorded models with the ids clients send', () => {
    const list = readFixtureJson<GoogleListModelsResponse>('models.list.response.json');
    const models = convertGoogleModels(list.models ?? []);
    expect(models).toHaveLength(list.models?.length ?? -1);
    expect(models[0]).toEqual({
      id: 'gemini-2.5-flash',
      object: 'model',
      created: 0,
      owned_by: 'google',
      display_name: 'Gemini 2.5 Flash',
      context_window: 1048576,
      max_output_tokens: 65536,
      supported_generation_methods: [
        'generateContent',
        'countTokens',
        'createCachedContent',
        'batchGenerateContent',
      ],
      capabilities: {
        chat_completions: true,
        completions: true,
        embeddings: false,
        images_generations: false,
        images_edits: false,
        audio_speech: false,
        audio_transcriptions: true,
        audio_translations: true,
      },
    });
    expect(models.every((model) => !model.id.startsWith('models/'))).toBe(true);
    expect(stripModelsPrefix('tunedModels/x')).toBe('tunedModels/x');
  });
});
