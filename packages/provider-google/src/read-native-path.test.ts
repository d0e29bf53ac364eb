import { InvalidRequestError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { readNativePath } from './read-native-path.js';

describe('readNativePath', () => {
  it('keeps plain Gemini API paths', () => {
    expect(
      readNativePath(
        'v1beta/models/gemini-2.5-flash:streamGenerateContent',
        ['v1beta', 'v1'],
        '/gemini/',
      ),
    ).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(readNativePath('v1/cachedContents/abc-1', ['v1beta', 'v1'], '/gemini/')).toBe(
      '/v1/cachedContents/abc-1',
    );
  });

  it.each([
    '',
    'v1beta/../admin',
    'v1beta/./models',
    'v1beta//models',
    'v1beta/models%2F..',
    '//evil.example/v1beta',
    'v1beta@evil.example/x',
    'v1beta/models/a b',
    'v2/models',
    'V1BETA/models',
  ])('refuses %j with a 400 naming path', (rest) => {
    expect(() => readNativePath(rest, ['v1beta', 'v1'], '/gemini/')).toThrow(InvalidRequestError);
    try {
      readNativePath(rest, ['v1beta', 'v1'], '/gemini/');
    } catch (error) {
      expect(error).toMatchObject({ status: 400, param: 'path', code: 'invalid_path' });
    }
  });
});
