import { InvalidPluginOptionsError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { parseEchoProviderOptions } from './echo-provider-options.js';
import { echoProviderPlugin } from './echo-provider-plugin.js';

describe('parseEchoProviderOptions', () => {
  it('uses defaults, then the environment, and lets the config file win', () => {
    expect(parseEchoProviderOptions({}, {})).toEqual({
      models: ['echo-1'],
      prefix: 'Echo: ',
      chunkDelayMs: 0,
    });
    const env = {
      ECHO_PROVIDER_MODELS: ' echo-a, echo-b ,',
      ECHO_PROVIDER_PREFIX: '> ',
      ECHO_PROVIDER_CHUNK_DELAY_MS: '5',
    };
    expect(parseEchoProviderOptions(undefined, env)).toEqual({
      models: ['echo-a', 'echo-b'],
      prefix: '> ',
      chunkDelayMs: 5,
    });
    expect(parseEchoProviderOptions({ models: ['x'], prefix: '< ', chunkDelayMs: 0 }, env)).toEqual(
      { models: ['x'], prefix: '< ', chunkDelayMs: 0 },
    );
    // core's rule: an empty string is "not set", so the environment (then the default) applies.
    expect(parseEchoProviderOptions({ prefix: '' }, env).prefix).toBe('> ');
  });

  it.each([
    [{ model: 'typo' }, /options.model is not an option/],
    [{ models: [] }, /options.models must be a non-empty list/],
    [{ prefix: 3 }, /options.prefix must be a string/],
    [{ chunkDelayMs: -1 }, /options.chunkDelayMs must be a whole number/],
    ['text', /options must be an object/],
  ])('rejects %j with InvalidPluginOptionsError', (raw, message) => {
    expect(() => parseEchoProviderOptions(raw, {})).toThrow(InvalidPluginOptionsError);
    expect(() => parseEchoProviderOptions(raw, {})).toThrow(message);
  });

  it('names the variable when the environment is wrong', () => {
    expect(() => parseEchoProviderOptions({}, { ECHO_PROVIDER_CHUNK_DELAY_MS: 'soon' })).toThrow(
      /ECHO_PROVIDER_CHUNK_DELAY_MS must be/,
    );
  });

  it('is detected from the environment only when ECHO_PROVIDER_MODELS is set', () => {
    expect(echoProviderPlugin.detectFromEnv?.({})).toBe(false);
    expect(echoProviderPlugin.detectFromEnv?.({ ECHO_PROVIDER_MODELS: 'echo-1' })).toBe(true);
  });
});
