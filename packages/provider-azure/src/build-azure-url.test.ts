import { describe, expect, it } from 'vitest';
import { buildAzureUrl } from './build-azure-url.js';
import { withApiVersion } from './with-api-version.js';

describe('buildAzureUrl', () => {
  it('builds classic deployment URLs with the api-version, keeping an APIM path prefix', () => {
    expect(
      buildAzureUrl({
        endpoint: 'https://res.openai.azure.com',
        surface: 'deployments',
        route: 'chat/completions',
        deployment: 'gpt-4o',
        search: '',
        apiVersion: '2025-04-01-preview',
      }),
    ).toBe(
      'https://res.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2025-04-01-preview',
    );
    expect(
      buildAzureUrl({
        endpoint: 'https://apim.example.com/aoai/',
        surface: 'deployments',
        route: 'files/file-1/content',
        search: '',
        apiVersion: 'v',
      }),
    ).toBe('https://apim.example.com/aoai/openai/files/file-1/content?api-version=v');
    expect(
      buildAzureUrl({
        endpoint: 'http://h:8',
        surface: 'deployments',
        route: 'embeddings',
        deployment: 'my dep/x',
        search: '',
        apiVersion: 'v',
      }),
    ).toBe('http://h:8/openai/deployments/my%20dep%2Fx/embeddings?api-version=v');
  });

  it('builds v1 URLs without a dated api-version, but with the client query', () => {
    expect(
      buildAzureUrl({
        endpoint: 'https://res.openai.azure.com/',
        surface: 'v1',
        route: 'chat/completions',
        deployment: 'x',
        search: 'foo=1',
        apiVersion: 'v',
      }),
    ).toBe('https://res.openai.azure.com/openai/v1/chat/completions?foo=1');
  });
});

describe('withApiVersion (scenario 6, corrected)', () => {
  it('adds the default, or keeps the client api-version instead of duplicating it', () => {
    expect(withApiVersion('foo=1', '2025-04-01-preview')).toBe(
      'foo=1&api-version=2025-04-01-preview',
    );
    expect(withApiVersion('foo=1&api-version=2024-02-01', '2025-04-01-preview')).toBe(
      'foo=1&api-version=2024-02-01',
    );
    expect(withApiVersion('', undefined)).toBe('');
  });
});
