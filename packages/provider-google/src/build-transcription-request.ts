import type { GoogleGenerateContentRequest } from './google-api-types.js';
import type { TranscriptionRequest, TranscriptionTask } from './read-transcription-request.js';

/**
 * The audio as inline data after an instruction to transcribe it verbatim (or to translate it into
 * English), following ai.google.dev/gemini-api/docs/audio ("Get a transcript"): the client's
 * `language` named as the spoken language, its `prompt` as context and spelling hints that are not to
 * be transcribed, `temperature` as it is.
 */
export function buildTranscriptionRequest(
  request: TranscriptionRequest,
  task: TranscriptionTask,
): GoogleGenerateContentRequest {
  const lines =
    task === 'transcribe'
      ? [
          'Generate a verbatim transcript of the speech in this audio.',
          ...(request.language === undefined
            ? []
            : [`The speech is in the language with ISO-639 code "${request.language}".`]),
        ]
      : ['Translate the speech in this audio into English.'];
  lines.push(
    task === 'transcribe'
      ? 'Answer with the transcript text only: no introduction, speaker labels, timestamps or commentary.'
      : 'Answer with the English translation only: no introduction, speaker labels, timestamps or commentary.',
  );
  if (request.prompt !== undefined)
    lines.push(
      `Context from the user, for names and spelling (it is not part of the audio): ${request.prompt}`,
    );
  return {
    contents: [
      {
        role: 'user',
        parts: [
          { text: lines.join('\n') },
          {
            inlineData: {
              mimeType: request.audio.mimeType,
              data: request.audio.bytes.toString('base64'),
            },
          },
        ],
      },
    ],
    ...(request.temperature === undefined
      ? {}
      : { generationConfig: { temperature: request.temperature } }),
  };
}
