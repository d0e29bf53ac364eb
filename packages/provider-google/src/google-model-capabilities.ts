import { googleModelKind } from './google-model-kind.js';

/** The OpenAI routes one Google model answers on this gateway (`capabilities` of its `/v1/models` entry). */
export interface GoogleModelCapabilities {
  chat_completions: boolean;
  completions: boolean;
  embeddings: boolean;
  images_generations: boolean;
  images_edits: boolean;
  audio_speech: boolean;
  audio_transcriptions: boolean;
  audio_translations: boolean;
}

const NONE: GoogleModelCapabilities = {
  chat_completions: false,
  completions: false,
  embeddings: false,
  images_generations: false,
  images_edits: false,
  audio_speech: false,
  audio_transcriptions: false,
  audio_translations: false,
};

/**
 * Per model kind (googleModelKind): Imagen generates images only; Gemini image models also chat and
 * edit (an input image with the prompt); TTS models speak only; chat models also transcribe and
 * translate audio (model transcription through generateContent); Live-API models serve none of these.
 */
export function googleModelCapabilities(model: string): GoogleModelCapabilities {
  switch (googleModelKind(model)) {
    case 'imagen':
      return { ...NONE, images_generations: true };
    case 'gemini-image':
      return {
        ...NONE,
        chat_completions: true,
        completions: true,
        images_generations: true,
        images_edits: true,
      };
    case 'gemini-tts':
      return { ...NONE, audio_speech: true };
    case 'embedding':
      return { ...NONE, embeddings: true };
    case 'live':
      return NONE;
    case 'chat': {
      // Gemma reads text (and images), not audio.
      const audio = !/(^|\/)gemma-/i.test(model);
      return {
        ...NONE,
        chat_completions: true,
        completions: true,
        audio_transcriptions: audio,
        audio_translations: audio,
      };
    }
  }
}
