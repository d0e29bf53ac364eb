import { InvalidRequestError } from '@multi-ai-proxy/core';
import { SPEECH_FORMATS, type SpeechFormat } from './create-speech-encoder.js';
import { readGeminiVoice } from './gemini-tts-voices.js';

export interface SpeechRequest {
  /** The text the model reads, with the client's `instructions` before it as Google's examples write them. */
  text: string;
  voice: string;
  format: SpeechFormat;
}

/** OpenAI's `input` limit; Gemini's TTS models read about 8k tokens of text. */
const MAX_INPUT_CHARS = 4096;

/**
 * An OpenAI `/v1/audio/speech` body for a Gemini TTS model: `input`, `voice` (a Gemini voice name),
 * `response_format` `mp3` (OpenAI's default) / `wav` / `pcm`, `instructions` as the spoken direction
 * ("Say cheerfully: …", as ai.google.dev's speech-generation page writes it). 400 naming the field for
 * `opus`, `aac`, `flac`, a `speed` other than 1 (Gemini takes pace from the instructions) and
 * `stream_format: "sse"`.
 */
export function readSpeechRequest(
  body: Record<string, unknown>,
  upstreamName: string,
): SpeechRequest {
  const input = body.input;
  if (typeof input !== 'string' || input.trim().length === 0)
    throw new InvalidRequestError('`input` is required: the text to speak.', { param: 'input' });
  if (input.length > MAX_INPUT_CHARS)
    throw new InvalidRequestError(`\`input\` is longer than ${MAX_INPUT_CHARS} characters.`, {
      param: 'input',
    });
  const voice = readGeminiVoice(body.voice, upstreamName);
  const format = body.response_format ?? 'mp3';
  if (!SPEECH_FORMATS.includes(format as SpeechFormat))
    throw new InvalidRequestError(
      `\`response_format\` ${JSON.stringify(format).slice(0, 40)} is not available on ${upstreamName}: use ${SPEECH_FORMATS.join(', ')}.`,
      { param: 'response_format', code: 'unsupported_response_format' },
    );
  if (body.speed !== undefined && body.speed !== null && body.speed !== 1)
    throw new InvalidRequestError(
      `\`speed\` is not available on ${upstreamName}: ask for the pace in \`instructions\` ("Say slowly").`,
      { param: 'speed' },
    );
  if (
    body.stream_format !== undefined &&
    body.stream_format !== null &&
    body.stream_format !== 'audio'
  )
    throw new InvalidRequestError(
      `\`stream_format\` must be "audio" on ${upstreamName}: the audio is streamed as bytes.`,
      { param: 'stream_format' },
    );
  const instructions = body.instructions;
  if (instructions !== undefined && instructions !== null && typeof instructions !== 'string')
    throw new InvalidRequestError('`instructions` must be a string.', { param: 'instructions' });
  const direction = typeof instructions === 'string' ? instructions.trim().replace(/:$/, '') : '';
  return {
    text: direction.length > 0 ? `${direction}: ${input}` : input,
    voice,
    format: format as SpeechFormat,
  };
}
