import type {
  CallContextV1,
  OperationResultV1,
  PassthroughOperationV1,
  PassthroughRequestV1,
  RawResultV1,
} from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { createGoogleImages, editGoogleImages } from './create-google-images.js';
import { createGoogleSpeech } from './create-google-speech.js';
import { createGoogleTranscription } from './create-google-transcription.js';
import type { GeminiMediaContext } from './gemini-media-context.js';

/** The OpenAI media routes a Gemini-engine provider translates (host passthrough operations). */
export const GEMINI_MEDIA_OPERATIONS = [
  'images.generations',
  'images.edits',
  'audio.speech',
  'audio.transcriptions',
  'audio.translations',
] as const satisfies readonly PassthroughOperationV1[];

export type GeminiMediaOperation = (typeof GEMINI_MEDIA_OPERATIONS)[number];

export interface GeminiMedia {
  /** Whether `operation` is one of GEMINI_MEDIA_OPERATIONS. */
  serves(operation: PassthroughOperationV1): operation is GeminiMediaOperation;
  /** Answers one of GEMINI_MEDIA_OPERATIONS on the OpenAI wire format. */
  handle(
    request: PassthroughRequestV1 & { operation: GeminiMediaOperation },
    context: CallContextV1,
  ): Promise<RawResultV1 | OperationResultV1<unknown>>;
}

/**
 * Images, speech and transcription for provider-google and provider-vertex: the host hands these
 * routes over as passthrough requests (bytes and content type); this reads the OpenAI request,
 * calls the model the host routed to (`context.upstreamModel`) through the provider's Gemini engine,
 * and answers in OpenAI's shape.
 */
export function createGeminiMedia(media: GeminiMediaContext): GeminiMedia {
  const operations: ReadonlySet<string> = new Set(GEMINI_MEDIA_OPERATIONS);
  return {
    serves: (operation): operation is GeminiMediaOperation => operations.has(operation),
    handle(request, context) {
      // Routed without a model (none in the body): the host picked this provider as the default.
      if (context.upstreamModel === undefined || context.upstreamModel.length === 0)
        throw new InvalidRequestError('`model` is required on this route.', { param: 'model' });
      switch (request.operation) {
        case 'images.generations':
          return createGoogleImages(media, request, context);
        case 'images.edits':
          return editGoogleImages(media, request, context);
        case 'audio.speech':
          return createGoogleSpeech(media, request, context);
        case 'audio.transcriptions':
          return createGoogleTranscription(media, request, context, 'transcribe');
        case 'audio.translations':
          return createGoogleTranscription(media, request, context, 'translate');
      }
    },
  };
}
