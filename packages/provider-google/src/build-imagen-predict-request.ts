import { IMAGEN_ASPECT_RATIOS, imageAspectRatio } from './image-aspect-ratio.js';
import type { ImageRequest } from './read-image-request.js';

export interface ImagenPredictRequest {
  instances: Array<{ prompt: string }>;
  parameters: {
    sampleCount: number;
    aspectRatio?: string;
    sampleImageSize?: '1K' | '2K';
    outputOptions?: { mimeType: string; compressionQuality?: number };
  };
}

/**
 * An image request as Imagen's `:predict` body (ai.google.dev/gemini-api/docs/imagen; Vertex
 * model-reference/imagen-api): `n` → `sampleCount`, `size` → `aspectRatio`, `quality` → `sampleImageSize`
 * (1K/2K; the `-fast-` models have one size, so none is sent), `output_format`/`output_compression` →
 * `outputOptions`.
 */
export function buildImagenPredictRequest(
  request: ImageRequest,
  modelId: string,
): ImagenPredictRequest {
  const parameters: ImagenPredictRequest['parameters'] = { sampleCount: request.n };
  const aspectRatio = imageAspectRatio(request.size, IMAGEN_ASPECT_RATIOS);
  if (aspectRatio !== undefined) parameters.aspectRatio = aspectRatio;
  if (request.resolution !== undefined && !/-fast-/i.test(modelId))
    parameters.sampleImageSize = request.resolution;
  if (request.outputFormat !== undefined) {
    parameters.outputOptions = { mimeType: `image/${request.outputFormat}` };
    if (request.outputFormat === 'jpeg' && request.outputCompression !== undefined)
      parameters.outputOptions.compressionQuality = request.outputCompression;
  }
  return { instances: [{ prompt: request.prompt }], parameters };
}
