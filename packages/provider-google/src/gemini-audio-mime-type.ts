import { InvalidRequestError } from '@multi-ai-proxy/core';
import { guessMimeType } from '@multi-ai-proxy/core/provider-utils';

/** The audio formats Gemini reads (ai.google.dev/gemini-api/docs/audio, "Supported audio formats"). */
const GEMINI_AUDIO_TYPES: Record<string, string> = {
  'audio/wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mp3': 'audio/mp3',
  'audio/mpeg': 'audio/mp3',
  'audio/mpga': 'audio/mp3',
  'audio/aiff': 'audio/aiff',
  'audio/x-aiff': 'audio/aiff',
  'audio/aac': 'audio/aac',
  'audio/ogg': 'audio/ogg',
  'audio/flac': 'audio/flac',
  'audio/x-flac': 'audio/flac',
};
const BY_EXTENSION: Record<string, string> = {
  mpga: 'audio/mp3',
  mpeg: 'audio/mp3',
  aif: 'audio/aiff',
};

/**
 * The Gemini MIME type of an uploaded audio file: its part's Content-Type when that names an audio
 * format Gemini reads, else its file name's extension. Other formats (webm, m4a, mp4) are a 400 listing
 * the readable ones: Gemini documents only WAV, MP3, AIFF, AAC, OGG Vorbis and FLAC.
 */
export function geminiAudioMimeType(contentType: string | undefined, filename: string): string {
  const byType = contentType === undefined ? undefined : GEMINI_AUDIO_TYPES[contentType];
  if (byType !== undefined) return byType;
  const extension = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
  const guessed = BY_EXTENSION[extension] ?? guessMimeType(filename);
  const byName = guessed === undefined ? undefined : GEMINI_AUDIO_TYPES[guessed];
  if (byName !== undefined) return byName;
  throw new InvalidRequestError(
    `\`file\` "${filename.slice(0, 100)}" is not an audio format Gemini reads: send WAV, MP3, AIFF, AAC, OGG or FLAC.`,
    { param: 'file', code: 'unsupported_file_format' },
  );
}
