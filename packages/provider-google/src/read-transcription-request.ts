import { InvalidRequestError } from '@multi-ai-proxy/core';
import { geminiAudioMimeType } from './gemini-audio-mime-type.js';
import type { MultipartForm } from './read-multipart-form.js';

export type TranscriptionTask = 'transcribe' | 'translate';
export const TRANSCRIPTION_FORMATS = ['json', 'text', 'verbose_json'] as const;
export type TranscriptionFormat = (typeof TRANSCRIPTION_FORMATS)[number];

export interface TranscriptionRequest {
  audio: { mimeType: string; bytes: Buffer };
  /** ISO-639-1 code of the spoken language (transcriptions only), as the client gave it. */
  language: string | undefined;
  prompt: string | undefined;
  temperature: number | undefined;
  format: TranscriptionFormat;
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
const MAX_PROMPT_CHARS = 4000;

/**
 * The form of `/v1/audio/transcriptions` or `/translations` for a Gemini model: `file` (an audio
 * format Gemini reads), `language`, `prompt`, `temperature`, `response_format` json / text /
 * verbose_json. `srt`, `vtt` and `timestamp_granularities` need timings Gemini does not return: 400.
 */
export function readTranscriptionRequest(
  form: MultipartForm,
  task: TranscriptionTask,
  upstreamName: string,
): TranscriptionRequest {
  const file = form.files.find((candidate) => candidate.field === 'file');
  if (file === undefined || file.bytes.length === 0)
    throw new InvalidRequestError('`file` is required: the audio to transcribe.', {
      param: 'file',
    });
  const mimeType = geminiAudioMimeType(file.contentType, file.filename);
  const format = form.fields.response_format ?? 'json';
  if (!TRANSCRIPTION_FORMATS.includes(format as TranscriptionFormat))
    throw new InvalidRequestError(
      `\`response_format\` "${format.slice(0, 20)}" is not available on ${upstreamName}: Gemini returns no timings for srt or vtt. Use ${TRANSCRIPTION_FORMATS.join(', ')}.`,
      { param: 'response_format', code: 'unsupported_response_format' },
    );
  if ((form.lists['timestamp_granularities[]'] ?? form.lists.timestamp_granularities) !== undefined)
    throw new InvalidRequestError(
      `\`timestamp_granularities\` is not available on ${upstreamName}: model transcription returns no word or segment timings.`,
      { param: 'timestamp_granularities' },
    );
  // Translations have no `language` in OpenAI's API: the target is English, the source is detected.
  const language = task === 'transcribe' ? form.fields.language?.trim() || undefined : undefined;
  if (language !== undefined && !LANGUAGE.test(language))
    throw new InvalidRequestError('`language` must be an ISO-639-1 code such as "en" or "de".', {
      param: 'language',
    });
  const prompt = form.fields.prompt?.trim() || undefined;
  if (prompt !== undefined && prompt.length > MAX_PROMPT_CHARS)
    throw new InvalidRequestError(`\`prompt\` is longer than ${MAX_PROMPT_CHARS} characters.`, {
      param: 'prompt',
    });
  const rawTemperature = form.fields.temperature;
  const temperature = rawTemperature === undefined ? undefined : Number(rawTemperature);
  if (
    temperature !== undefined &&
    (!Number.isFinite(temperature) || temperature < 0 || temperature > 2)
  )
    throw new InvalidRequestError('`temperature` must be a number between 0 and 2.', {
      param: 'temperature',
    });
  return {
    audio: { mimeType, bytes: file.bytes },
    language,
    prompt,
    temperature,
    format: format as TranscriptionFormat,
  };
}
