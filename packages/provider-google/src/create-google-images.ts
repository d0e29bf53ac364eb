import type { CallContextV1, JsonResultV1, PassthroughRequestV1 } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { mapBounded } from '@multi-ai-proxy/core/provider-utils';
import { buildGeminiImageRequest } from './build-gemini-image-request.js';
import { buildImagenPredictRequest } from './build-imagen-predict-request.js';
import { convertFromGeminiImageAnswers } from './convert-from-gemini-image-answers.js';
import {
  convertFromImagenPredictions,
  type ImagenPredictResponse,
} from './convert-from-imagen-predictions.js';
import type { GeminiMediaContext } from './gemini-media-context.js';
import type { GoogleGenerateContentResponse, GoogleInlineData } from './google-api-types.js';
import { googleModelKind } from './google-model-kind.js';
import type { OpenAIImageResponse } from './openai-image-response.js';
import { readImageRequest } from './read-image-request.js';
import { readJsonObject } from './read-json-object.js';
import { readMultipartForm } from './read-multipart-form.js';
import { requestGeminiJson } from './request-gemini-json.js';

/** Gemini calls of one `n > 1` request in flight at once. */
const MAX_PARALLEL_CALLS = 4;
/** Input images one edit may carry (Gemini 3 Pro Image reads up to 14). */
const MAX_EDIT_IMAGES = 14;
const EDIT_IMAGE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'image/heif',
]);

/**
 * `POST /v1/images/generations` on a Google model: Imagen by one `:predict` call (`n` → `sampleCount`),
 * a Gemini image model by `n` `generateContent` calls with `responseModalities: ["IMAGE"]`.
 */
export async function createGoogleImages(
  media: GeminiMediaContext,
  request: PassthroughRequestV1,
  context: CallContextV1,
): Promise<JsonResultV1<OpenAIImageResponse>> {
  const { settings, engine } = media;
  const model = engine.upstreamModel(context);
  const image = readImageRequest(readJsonObject(request.body), settings.upstreamName);
  const created = media.now?.() ?? Math.floor(Date.now() / 1000);
  const kind = googleModelKind(model);
  if (kind === 'imagen') {
    const answer = await requestGeminiJson<ImagenPredictResponse>(
      settings,
      {
        url: engine.modelUrl(model, 'predict'),
        body: buildImagenPredictRequest(image, model),
        signal: context.signal,
      },
      context,
    );
    return {
      kind: 'json',
      body: convertFromImagenPredictions(answer, {
        provider: settings.provider,
        upstreamName: settings.upstreamName,
        created,
      }),
    };
  }
  if (kind !== 'gemini-image') throw notAnImageModel(context.model ?? model, settings.upstreamName);
  return generateWithGemini(media, model, image, [], created, context);
}

/**
 * `POST /v1/images/edits` (multipart: `image` or `image[]`, `prompt`, …) on a Gemini image model: the
 * prompt and the input images in one turn. Masks and Imagen edits are not served (400).
 */
export async function editGoogleImages(
  media: GeminiMediaContext,
  request: PassthroughRequestV1,
  context: CallContextV1,
): Promise<JsonResultV1<OpenAIImageResponse>> {
  const { settings, engine } = media;
  const model = engine.upstreamModel(context);
  const form = await readMultipartForm(request.body, request.contentType);
  if (googleModelKind(model) !== 'gemini-image')
    throw new InvalidRequestError(
      `"${context.model ?? model}" does not edit images on ${settings.upstreamName}: use a Gemini image model (gemini-2.5-flash-image, gemini-3-pro-image-preview).`,
      { param: 'model', code: 'model_not_supported' },
    );
  if (form.files.some((file) => file.field === 'mask'))
    throw new InvalidRequestError(
      `\`mask\` is not available on ${settings.upstreamName}: Gemini image models edit from the prompt; describe the region to change in it.`,
      { param: 'mask' },
    );
  const images = form.files.filter((file) => file.field === 'image' || file.field === 'image[]');
  if (images.length === 0)
    throw new InvalidRequestError('`image` is required: one or more image files.', {
      param: 'image',
    });
  if (images.length > MAX_EDIT_IMAGES)
    throw new InvalidRequestError(`At most ${MAX_EDIT_IMAGES} input images are taken.`, {
      param: 'image',
    });
  const inline: GoogleInlineData[] = images.map((file) => {
    const mimeType = file.contentType ?? sniffImageType(file.bytes);
    if (mimeType === undefined || !EDIT_IMAGE_TYPES.has(mimeType))
      throw new InvalidRequestError(
        `\`image\` "${file.filename.slice(0, 100)}" must be PNG, JPEG, WebP or HEIC.`,
        { param: 'image' },
      );
    return { mimeType, data: file.bytes.toString('base64') };
  });
  const image = readImageRequest(form.fields, settings.upstreamName);
  const created = media.now?.() ?? Math.floor(Date.now() / 1000);
  return generateWithGemini(media, model, image, inline, created, context);
}

async function generateWithGemini(
  media: GeminiMediaContext,
  model: string,
  image: ReturnType<typeof readImageRequest>,
  inputs: readonly GoogleInlineData[],
  created: number,
  context: CallContextV1,
): Promise<JsonResultV1<OpenAIImageResponse>> {
  const { settings, engine } = media;
  const url = engine.modelUrl(model, 'generateContent');
  const body = buildGeminiImageRequest(image, model, inputs);
  const answers = await mapBounded(
    Array.from({ length: image.n }, () => body),
    MAX_PARALLEL_CALLS,
    (call) =>
      requestGeminiJson<GoogleGenerateContentResponse>(
        settings,
        { url, body: call, signal: context.signal },
        context,
      ),
  );
  const response = convertFromGeminiImageAnswers(answers, {
    provider: settings.provider,
    upstreamName: settings.upstreamName,
    created,
  });
  if (context.telemetry !== undefined && response.usage !== undefined)
    context.telemetry.usage = {
      inputTokens: response.usage.input_tokens,
      outputTokens: response.usage.output_tokens,
    };
  return { kind: 'json', body: response };
}

function notAnImageModel(model: string, upstreamName: string): InvalidRequestError {
  return new InvalidRequestError(
    `"${model}" does not generate images on ${upstreamName}: use an Imagen model (imagen-4.0-generate-001) or a Gemini image model (gemini-2.5-flash-image).`,
    { param: 'model', code: 'model_not_supported' },
  );
}

/** PNG, JPEG and WebP by their magic bytes, for files sent without a type. */
function sniffImageType(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return undefined;
}
