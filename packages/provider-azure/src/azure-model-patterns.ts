/**
 * Model families Azure OpenAI serves, claimed in routing step 3 (after the mapping tables), so a
 * dated or new model (`gpt-5.3`, `o4-mini-2026-01-01`) reaches Azure without a mapper entry.
 */
export const AZURE_MODEL_PATTERNS: readonly string[] = [
  'gpt-*',
  'o1*',
  'o3*',
  'o4*',
  'codex-*',
  'computer-use-*',
  'text-embedding-*',
  'dall-e-*',
  'whisper*',
  'tts*',
  'sora*',
  'babbage-*',
  'davinci-*',
];
