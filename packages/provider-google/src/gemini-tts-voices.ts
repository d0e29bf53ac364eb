import { InvalidRequestError } from '@multi-ai-proxy/core';

/**
 * The 30 prebuilt voices of Gemini's TTS models (ai.google.dev/gemini-api/docs/speech-generation,
 * "Voice options"; the same names on Vertex AI). OpenAI's voice names (`alloy`, `nova`, …) have no
 * Gemini counterpart and are refused with this list rather than silently swapped for another voice.
 */
export const GEMINI_TTS_VOICES = [
  'Zephyr',
  'Puck',
  'Charon',
  'Kore',
  'Fenrir',
  'Leda',
  'Orus',
  'Aoede',
  'Callirrhoe',
  'Autonoe',
  'Enceladus',
  'Iapetus',
  'Umbriel',
  'Algieba',
  'Despina',
  'Erinome',
  'Algenib',
  'Rasalgethi',
  'Laomedeia',
  'Achernar',
  'Alnilam',
  'Schedar',
  'Gacrux',
  'Pulcherrima',
  'Achird',
  'Zubenelgenubi',
  'Vindemiatrix',
  'Sadachbia',
  'Sadaltager',
  'Sulafat',
] as const;

const BY_LOWER_CASE = new Map(GEMINI_TTS_VOICES.map((voice) => [voice.toLowerCase(), voice]));

/** OpenAI's `voice` (a name, or `{ id }`) as a Gemini voice name, any case; 400 naming the voices otherwise. */
export function readGeminiVoice(voice: unknown, upstreamName: string): string {
  const name =
    typeof voice === 'string'
      ? voice
      : typeof (voice as { id?: unknown } | null)?.id === 'string'
        ? (voice as { id: string }).id
        : undefined;
  const found = name === undefined ? undefined : BY_LOWER_CASE.get(name.toLowerCase());
  if (found === undefined)
    throw new InvalidRequestError(
      `\`voice\` ${name === undefined ? 'is required' : `"${name.slice(0, 50)}" is not a Gemini voice`} on ${upstreamName}: use one of ${GEMINI_TTS_VOICES.join(', ')}.`,
      { param: 'voice' },
    );
  return found;
}
