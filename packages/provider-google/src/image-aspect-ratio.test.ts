import { describe, expect, it } from 'vitest';
import {
  GEMINI_IMAGE_ASPECT_RATIOS,
  IMAGEN_ASPECT_RATIOS,
  imageAspectRatio,
} from './image-aspect-ratio.js';

describe('imageAspectRatio', () => {
  it.each([
    ['1024x1024', '1:1', '1:1'],
    ['1792x1024', '16:9', '16:9'],
    ['1024x1792', '9:16', '9:16'],
    ['1536x1024', '4:3', '3:2'],
    ['1024x1536', '3:4', '2:3'],
    ['2520x1080', '16:9', '21:9'],
  ])('maps %s to %s on Imagen and %s on Gemini', (size, imagen, gemini) => {
    expect(imageAspectRatio(size, IMAGEN_ASPECT_RATIOS)).toBe(imagen);
    expect(imageAspectRatio(size, GEMINI_IMAGE_ASPECT_RATIOS)).toBe(gemini);
  });

  it('takes a ratio the model supports, refuses one it does not and anything else', () => {
    expect(imageAspectRatio('21:9', GEMINI_IMAGE_ASPECT_RATIOS)).toBe('21:9');
    expect(imageAspectRatio(undefined, IMAGEN_ASPECT_RATIOS)).toBeUndefined();
    expect(() => imageAspectRatio('21:9', IMAGEN_ASPECT_RATIOS)).toThrow(/1:1, 3:4/);
    for (const size of ['0x100', 'big', '1024*1024', '100000x1'])
      expect(() => imageAspectRatio(size, IMAGEN_ASPECT_RATIOS)).toThrowError(
        expect.objectContaining({ status: 400, param: 'size' }),
      );
  });
});
