import { InvalidRequestError } from '@multi-ai-proxy/core';

/** Imagen's aspect ratios (ai.google.dev/gemini-api/docs/imagen, Vertex "Generate images" reference). */
export const IMAGEN_ASPECT_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'] as const;
/** Gemini image models' `imageConfig.aspectRatio` values (ai.google.dev/gemini-api/docs/image-generation). */
export const GEMINI_IMAGE_ASPECT_RATIOS = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '16:9',
  '21:9',
] as const;

const PIXELS = /^(\d{1,5})x(\d{1,5})$/;
const RATIO = /^(\d{1,2}):(\d{1,2})$/;

/**
 * OpenAI's `size` as a Google aspect ratio: `WxH` becomes the supported ratio nearest to W/H (on a log
 * scale, so 1792x1024 → 16:9 and 1536x1024 → 4:3 on Imagen, 3:2 on Gemini); a ratio itself (`16:9`) is
 * taken when the model supports it. Google picks the pixels: the answer's `size` is not promised.
 */
export function imageAspectRatio(
  size: string | undefined,
  supported: readonly string[],
): string | undefined {
  if (size === undefined) return undefined;
  const ratio = RATIO.exec(size);
  if (ratio !== null) {
    if (supported.includes(size)) return size;
    throw new InvalidRequestError(
      `\`size\` "${size}" is not an aspect ratio this model takes (${supported.join(', ')}).`,
      { param: 'size' },
    );
  }
  const pixels = PIXELS.exec(size);
  const width = Number(pixels?.[1]);
  const height = Number(pixels?.[2]);
  if (pixels === null || width === 0 || height === 0)
    throw new InvalidRequestError(
      '`size` must be "auto", WIDTHxHEIGHT (e.g. "1024x1024") or an aspect ratio (e.g. "16:9").',
      { param: 'size' },
    );
  const wanted = Math.log(width / height);
  let best = supported[0];
  let distance = Number.POSITIVE_INFINITY;
  for (const candidate of supported) {
    const [w, h] = candidate.split(':').map(Number) as [number, number];
    const gap = Math.abs(Math.log(w / h) - wanted);
    if (gap < distance) {
      best = candidate;
      distance = gap;
    }
  }
  return best;
}
