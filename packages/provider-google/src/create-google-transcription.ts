import type {
  CallContextV1,
  JsonResultV1,
  PassthroughRequestV1,
  RawResultV1,
} from '@multi-ai-proxy/core';
import { InvalidRequestError, UpstreamApiError } from '@multi-ai-proxy/core';
import { buildTranscriptionRequest } from './build-transcription-request.js';
import type { GeminiMediaContext } from './gemini-media-context.js';
import type { GoogleGenerateContentResponse } from './google-api-types.js';
import { googleModelKind } from './google-model-kind.js';
import { readMultipartForm } from './read-multipart-form.js';
import { readTranscriptionRequest, type TranscriptionTask } from './read-transcription-request.js';
import { readWavDuration } from './read-wav-duration.js';
import { requestGeminiJson } from './request-gemini-json.js';

/**
 * `POST /v1/audio/transcriptions` (task `transcribe`) and `/translations` (`translate`) on a Gemini
 * model: model transcription — one `generateContent` call with the instruction and the audio inline —
 * not a speech-to-text API, so there are no timings: `json` is `{text, usage}`, `text` the plain text,
 * `verbose_json` `{task, language, duration, text, usage}` with no `segments` or `words` (duration only
 * for WAV uploads, language only when given or English for translations).
 */
export async function createGoogleTranscription(
  media: GeminiMediaContext,
  request: PassthroughRequestV1,
  context: CallContextV1,
  task: TranscriptionTask,
): Promise<JsonResultV1<Record<string, unknown>> | RawResultV1> {
  const { settings, engine } = media;
  const model = engine.upstreamModel(context);
  const form = await readMultipartForm(request.body, request.contentType);
  if (googleModelKind(model) !== 'chat' || /(^|\/)gemma-/i.test(model))
    throw new InvalidRequestError(
      `"${context.model ?? model}" does not ${task} audio on ${settings.upstreamName}: use a Gemini model that reads audio (gemini-2.5-flash).`,
      { param: 'model', code: 'model_not_supported' },
    );
  const transcription = readTranscriptionRequest(form, task, settings.upstreamName);
  const answer = await requestGeminiJson<GoogleGenerateContentResponse>(
    settings,
    {
      url: engine.modelUrl(model, 'generateContent'),
      body: buildTranscriptionRequest(transcription, task),
      signal: context.signal,
    },
    context,
  );
  const candidate = answer?.candidates?.[0];
  const parts = Array.isArray(candidate?.content?.parts) ? candidate.content.parts : [];
  const text = parts
    .filter((part) => typeof part?.text === 'string' && part.thought !== true)
    .map((part) => part.text)
    .join('')
    .trim();
  // Silence is an empty transcript; no candidate at all is a blocked prompt or a broken answer.
  if (candidate === undefined) {
    const blocked = answer?.promptFeedback?.blockReason;
    if (blocked !== undefined)
      throw new InvalidRequestError(`${settings.upstreamName} refused this audio (${blocked}).`, {
        param: 'file',
        code: 'content_policy_violation',
      });
    throw new UpstreamApiError({
      provider: settings.provider,
      status: 502,
      type: 'api_error',
      code: 'no_transcript_returned',
      message: `Provider "${settings.provider}": ${settings.upstreamName} answered without a transcript.`,
    });
  }
  const metadata = answer?.usageMetadata;
  const input = metadata?.promptTokenCount ?? 0;
  const output = (metadata?.candidatesTokenCount ?? 0) + (metadata?.thoughtsTokenCount ?? 0);
  if (context.telemetry !== undefined)
    context.telemetry.usage = { inputTokens: input, outputTokens: output };
  if (transcription.format === 'text')
    return {
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `${text}\n`,
    };
  const usage = {
    type: 'tokens',
    input_tokens: input,
    output_tokens: output,
    total_tokens: input + output,
    input_token_details: tokensByModality(metadata?.promptTokensDetails),
  };
  if (transcription.format === 'json') return { kind: 'json', body: { text, usage } };
  const body: Record<string, unknown> = { task };
  const language = task === 'translate' ? 'english' : transcription.language;
  if (language !== undefined) body.language = language;
  const duration =
    transcription.audio.mimeType === 'audio/wav'
      ? readWavDuration(transcription.audio.bytes)
      : undefined;
  if (duration !== undefined) body.duration = duration;
  body.text = text;
  body.usage = usage;
  return { kind: 'json', body };
}

/** Gemini's `promptTokensDetails` as OpenAI's `{text_tokens, audio_tokens}`. */
function tokensByModality(details: unknown): { text_tokens: number; audio_tokens: number } {
  const counts = { text_tokens: 0, audio_tokens: 0 };
  if (!Array.isArray(details)) return counts;
  for (const detail of details as Array<{ modality?: unknown; tokenCount?: unknown }>) {
    const tokens = typeof detail?.tokenCount === 'number' ? detail.tokenCount : 0;
    if (detail?.modality === 'TEXT') counts.text_tokens += tokens;
    if (detail?.modality === 'AUDIO') counts.audio_tokens += tokens;
  }
  return counts;
}
