import { Readable } from 'node:stream';
import type { CallContextV1, PassthroughRequestV1, RawResultV1 } from '@multi-ai-proxy/core';
import { InvalidRequestError, UpstreamApiError } from '@multi-ai-proxy/core';
import { type PcmFormat, readPcmFormat } from './build-wav-header.js';
import { createSpeechEncoder } from './create-speech-encoder.js';
import type { GeminiMediaContext } from './gemini-media-context.js';
import type { GoogleGenerateContentResponse } from './google-api-types.js';
import { googleModelKind } from './google-model-kind.js';
import { mapGoogleError } from './map-google-error.js';
import { openGeminiStream } from './open-gemini-stream.js';
import { readJsonObject } from './read-json-object.js';
import { readSpeechRequest } from './read-speech-request.js';

/**
 * `POST /v1/audio/speech` on a Gemini TTS model: one `streamGenerateContent` call with
 * `responseModalities: ["AUDIO"]` and the prebuilt voice in `speechConfig`, its PCM converted to the
 * requested format and written to the client chunk by chunk as the events arrive. The answer starts
 * only once the first audio arrived, so an upstream error or an answer without audio is still an
 * OpenAI error with its status; a failure after that cuts the response (no trailer exists for it).
 */
export async function createGoogleSpeech(
  media: GeminiMediaContext,
  request: PassthroughRequestV1,
  context: CallContextV1,
): Promise<RawResultV1> {
  const { settings, engine } = media;
  const model = engine.upstreamModel(context);
  const speech = readSpeechRequest(readJsonObject(request.body), settings.upstreamName);
  if (googleModelKind(model) !== 'gemini-tts')
    throw new InvalidRequestError(
      `"${context.model ?? model}" does not speak on ${settings.upstreamName}: use a Gemini TTS model (gemini-2.5-flash-preview-tts, gemini-2.5-flash-tts on Vertex AI).`,
      { param: 'model', code: 'model_not_supported' },
    );
  const events = await openGeminiStream(
    settings,
    engine.modelUrl(model, 'streamGenerateContent'),
    {
      contents: [{ role: 'user', parts: [{ text: speech.text }] }],
      generationConfig: {
        responseModalities: ['AUDIO'],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: speech.voice } } },
      },
    },
    context,
  );
  const audio = readAudio(events, settings.provider, (usage) => {
    if (context.telemetry !== undefined)
      context.telemetry.usage = {
        inputTokens: usage.promptTokenCount ?? 0,
        outputTokens: usage.candidatesTokenCount ?? 0,
      };
  });
  const first = await audio.next();
  if (first.done)
    throw new UpstreamApiError({
      provider: settings.provider,
      status: 502,
      type: 'api_error',
      code: 'no_audio_returned',
      message: `Provider "${settings.provider}": ${settings.upstreamName} answered without audio.`,
    });
  const encoder = createSpeechEncoder(speech.format, first.value.format);
  async function* encoded(): AsyncGenerator<Buffer> {
    try {
      yield Buffer.concat([encoder.start(), encoder.write(first.value.pcm)]);
      for await (const chunk of audio) {
        const bytes = encoder.write(chunk.pcm);
        if (bytes.length > 0) yield bytes;
      }
      const tail = encoder.end();
      if (tail.length > 0) yield tail;
    } finally {
      // The client left (or the stream failed): ending the reader ends the upstream stream.
      await audio.return(undefined);
    }
  }
  return {
    kind: 'raw',
    status: 200,
    headers: { 'content-type': encoder.contentType },
    body: Readable.from(encoded(), { objectMode: false }),
  };
}

interface AudioChunk {
  pcm: Buffer;
  format: PcmFormat;
}

/** The PCM of each event's audio parts, in order; the last event's usage reported once seen. */
async function* readAudio(
  events: AsyncGenerator<GoogleGenerateContentResponse>,
  provider: string,
  onUsage: (usage: NonNullable<GoogleGenerateContentResponse['usageMetadata']>) => void,
): AsyncGenerator<AudioChunk> {
  for await (const event of events) {
    if (event.error) throw mapGoogleError(200, { error: event.error }, provider);
    if (event.usageMetadata) onUsage(event.usageMetadata);
    for (const candidate of event.candidates ?? []) {
      for (const part of candidate?.content?.parts ?? []) {
        const format = readPcmFormat(part?.inlineData?.mimeType);
        const data = part?.inlineData?.data;
        if (format === undefined || typeof data !== 'string' || data.length === 0) continue;
        yield { pcm: Buffer.from(data, 'base64'), format };
      }
    }
  }
}
