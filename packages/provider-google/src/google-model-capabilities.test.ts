import { describe, expect, it } from 'vitest';
import { googleModelCapabilities } from './google-model-capabilities.js';
import { googleModelKind } from './google-model-kind.js';

describe('googleModelKind / googleModelCapabilities', () => {
  it.each([
    ['imagen-4.0-generate-001', 'imagen'],
    ['models/imagen-4.0-ultra-generate-001', 'imagen'],
    ['gemini-2.5-flash-image', 'gemini-image'],
    ['gemini-3-pro-image-preview', 'gemini-image'],
    ['gemini-2.5-flash-preview-tts', 'gemini-tts'],
    ['gemini-2.5-flash-tts', 'gemini-tts'],
    ['gemini-embedding-001', 'embedding'],
    ['text-embedding-005', 'embedding'],
    ['gemini-live-2.5-flash-preview', 'live'],
    ['gemini-2.5-flash-native-audio-preview-09-2025', 'live'],
    ['gemini-2.5-flash', 'chat'],
    ['gemma-3-27b-it', 'chat'],
  ])('%s is %s', (model, kind) => {
    expect(googleModelKind(model)).toBe(kind);
  });

  it('lists the routes each kind serves', () => {
    expect(googleModelCapabilities('imagen-4.0-generate-001')).toMatchObject({
      images_generations: true,
      images_edits: false,
      chat_completions: false,
    });
    expect(googleModelCapabilities('gemini-2.5-flash-image')).toMatchObject({
      images_generations: true,
      images_edits: true,
      chat_completions: true,
      audio_speech: false,
    });
    expect(googleModelCapabilities('gemini-2.5-flash-preview-tts')).toMatchObject({
      audio_speech: true,
      chat_completions: false,
    });
    expect(googleModelCapabilities('gemini-2.5-flash')).toMatchObject({
      chat_completions: true,
      audio_transcriptions: true,
      audio_translations: true,
      images_generations: false,
    });
    expect(googleModelCapabilities('gemma-3-27b-it').audio_transcriptions).toBe(false);
  });
});
