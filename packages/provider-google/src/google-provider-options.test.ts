import { describe, expect, it } from 'vitest';
import { parseGoogleProviderOptions } from './google-provider-options.js';

const setting = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return (error as { setting?: string }).setting;
  }
  return undefined;
};

describe('parseGoogleProviderOptions (core options reader rules)', () => {
  it('reads on/off and null like every provider: null in the file means "not set"', () => {
    const options = parseGoogleProviderOptions(
      { apiKey: null, baseUrl: null, remoteMedia: { enabled: 'off' } },
      {
        GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY: 'On',
        GOOGLE_AI_STUDIO_ALLOW_PRIVATE_IMAGE_URLS: 'yes',
      },
    );
    expect(options).toMatchObject({
      apiKey: undefined,
      acceptClientKey: true,
      baseUrl: 'https://generativelanguage.googleapis.com',
    });
    expect(options.remoteMedia).toMatchObject({ enabled: false, allowPrivateNetwork: true });
  });

  it('names the environment variable or the options key the bad value came from', () => {
    expect(
      setting(() =>
        parseGoogleProviderOptions(
          {},
          { GOOGLE_AI_STUDIO_API_KEY: 'k', GOOGLE_AI_STUDIO_ENDPOINT: 'not a url' },
        ),
      ),
    ).toBe('GOOGLE_AI_STUDIO_ENDPOINT');
    expect(
      setting(() =>
        parseGoogleProviderOptions({ baseUrl: 'ftp://x' }, { GOOGLE_AI_STUDIO_API_KEY: 'k' }),
      ),
    ).toBe('options.baseUrl');
    expect(
      setting(() =>
        parseGoogleProviderOptions(
          { remoteMedia: { maxBytes: 0 } },
          { GOOGLE_AI_STUDIO_API_KEY: 'k' },
        ),
      ),
    ).toBe('options.remoteMedia.maxBytes');
    expect(
      setting(() =>
        parseGoogleProviderOptions(
          {},
          { GOOGLE_AI_STUDIO_API_KEY: 'k', GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY: 'sure' },
        ),
      ),
    ).toBe('GOOGLE_AI_STUDIO_ACCEPT_CLIENT_KEY');
    expect(setting(() => parseGoogleProviderOptions({}, {}))).toBe('GOOGLE_AI_STUDIO_API_KEY');
  });

  it('merges aliases: defaults, then GOOGLE_AI_STUDIO_MODEL_ALIASES, then the file; null removes a default', () => {
    const { aliases } = parseGoogleProviderOptions(
      { aliases: { 'gemini-pro': null, Fast: 'gemini-2.5-flash-lite' } },
      { GOOGLE_AI_STUDIO_API_KEY: 'k', GOOGLE_AI_STUDIO_MODEL_ALIASES: 'big=gemini-2.5-pro' },
    );
    expect(aliases).toEqual({
      'gemini-pro-vision': 'gemini-2.5-flash',
      'embedding-gecko-001': 'gemini-embedding-001',
      big: 'gemini-2.5-pro',
      fast: 'gemini-2.5-flash-lite',
    });
  });
});
