import type { GoogleGenerateContentRequest, GoogleInlineData } from './google-api-types.js';
import { isGemini3Model } from './google-model-traits.js';
import { GEMINI_IMAGE_ASPECT_RATIOS, imageAspectRatio } from './image-aspect-ratio.js';
import type { ImageRequest } from './read-image-request.js';

/**
 * An image request as one `generateContent` body for a Gemini image model
 * (ai.google.dev/gemini-api/docs/image-generation): the prompt, then the input images of an edit as
 * inline data, `responseModalities: ["IMAGE"]`, `size` → `imageConfig.aspectRatio`, and `quality` →
 * `imageConfig.imageSize` on Gemini 3 image models (2.5 Flash Image has one resolution). One body gives
 * one image: `n` images are `n` calls.
 */
export function buildGeminiImageRequest(
  request: ImageRequest,
  modelId: string,
  images: readonly GoogleInlineData[] = [],
): GoogleGenerateContentRequest {
  const imageConfig: Record<string, string> = {};
  const aspectRatio = imageAspectRatio(request.size, GEMINI_IMAGE_ASPECT_RATIOS);
  if (aspectRatio !== undefined) imageConfig.aspectRatio = aspectRatio;
  if (request.resolution !== undefined && isGemini3Model(modelId))
    imageConfig.imageSize = request.resolution;
  return {
    contents: [
      {
        role: 'user',
        parts: [{ text: request.prompt }, ...images.map((inlineData) => ({ inlineData }))],
      },
    ],
    generationConfig: {
      responseModalities: ['IMAGE'],
      ...(Object.keys(imageConfig).length > 0 ? { imageConfig } : {}),
    },
  };
}
