import { describe, expect, it } from 'vitest';
import { joinUrl } from './join-url.js';

describe('joinUrl', () => {
  it.each([
    [
      'https://res.openai.azure.com',
      '/openai/models',
      undefined,
      'https://res.openai.azure.com/openai/models',
    ],
    [
      'https://res.openai.azure.com/',
      '/openai/models',
      'api-version=1',
      'https://res.openai.azure.com/openai/models?api-version=1',
    ],
    [
      'https://apim.example/prefix/v2//',
      'openai/x',
      undefined,
      'https://apim.example/prefix/v2/openai/x',
    ],
    [
      'http://127.0.0.1:9000/base',
      '/v1/projects/p',
      '',
      'http://127.0.0.1:9000/base/v1/projects/p',
    ],
  ])('%s + %s', (base, path, search, expected) => {
    expect(joinUrl(base, path, search)).toBe(expected);
  });
});
