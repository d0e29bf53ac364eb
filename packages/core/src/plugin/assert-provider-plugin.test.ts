import { describe, expect, it } from 'vitest';
import { assertProvider } from './assert-provider.js';
import { assertProviderPlugin } from './assert-provider-plugin.js';
import { defineProviderPlugin } from './define-provider-plugin.js';

const valid = defineProviderPlugin({
  contractVersion: 1,
  name: 'acme',
  packageName: '@acme/provider',
  version: '1.0.0',
  parseOptions: () => ({}),
  createProvider: (_options, context) => ({
    contractVersion: 1 as const,
    instanceName: context.instanceName,
    capabilities: {
      chatCompletions: false,
      streaming: false,
      completions: false,
      embeddings: false,
      listModels: false,
      passthrough: [],
    },
  }),
});

describe('assertProviderPlugin', () => {
  it('accepts a manifest, also wrapped as a CommonJS default', () => {
    expect(assertProviderPlugin({ default: valid }, '@acme/provider')).toBe(valid);
    expect(assertProviderPlugin({ default: { default: valid } }, '@acme/provider')).toBe(valid);
  });

  it.each([
    [undefined, 'has no default export'],
    [{ ...valid, contractVersion: 2 }, 'declares contractVersion 2, this gateway speaks 1'],
    [{ ...valid, contractVersion: undefined }, 'declares contractVersion undefined'],
    [{ ...valid, name: '' }, 'has no string "name"'],
    [{ ...valid, name: 'Bad/Name' }, 'has an invalid name'],
    [{ ...valid, version: 3 }, 'has no string "version"'],
    [{ ...valid, parseOptions: 'x' }, 'has no function "parseOptions"'],
    [{ ...valid, createProvider: undefined }, 'has no function "createProvider"'],
    [{ ...valid, detectFromEnv: true }, 'has a "detectFromEnv" that is not a function'],
    [
      { ...valid, clientCredentialHeaders: 'x-goog-api-key' },
      'has a "clientCredentialHeaders" that is not a list',
    ],
    [
      { ...valid, clientCredentialHeaders: ['X-Goog-Api-Key'] },
      'has a "clientCredentialHeaders" that is not a list',
    ],
  ])('rejects %#: %s', (candidate, problem) => {
    expect(() => assertProviderPlugin(candidate, '@acme/provider')).toThrow(
      expect.objectContaining({
        name: 'PluginContractError',
        code: 'plugin_contract_mismatch',
        message: expect.stringContaining(`Provider plugin "@acme/provider" ${problem}`),
      }),
    );
  });
});

describe('assertProvider', () => {
  const capabilities = {
    chatCompletions: true,
    streaming: true,
    completions: false,
    embeddings: false,
    listModels: false,
    passthrough: [],
  };

  it('requires a method for every declared capability', () => {
    expect(() =>
      assertProvider({ contractVersion: 1, instanceName: 'a', capabilities }, 'p'),
    ).toThrow('declares chatCompletions but has no createChatCompletion()');
    expect(() =>
      assertProvider(
        {
          contractVersion: 1,
          instanceName: 'a',
          capabilities: { ...capabilities, chatCompletions: false, passthrough: ['files'] },
        },
        'p',
      ),
    ).toThrow('declares passthrough routes but has no passthrough()');
    expect(() =>
      assertProvider(
        {
          contractVersion: 1,
          instanceName: 'a',
          capabilities: { ...capabilities, chatCompletions: false },
          countTokens: 42,
        },
        'p',
      ),
    ).toThrow('has a countTokens that is not a function');
  });

  it('requires the contract version and capabilities', () => {
    expect(() => assertProvider({ instanceName: 'a', capabilities }, 'p')).toThrow(
      'without contractVersion: 1',
    );
    expect(() => assertProvider({ contractVersion: 1, instanceName: 'a' }, 'p')).toThrow(
      'without capabilities',
    );
    expect(() => assertProvider(null, 'p')).toThrow('returned no object');
  });

  it('accepts a provider whose methods match its capabilities', () => {
    const provider = {
      contractVersion: 1,
      instanceName: 'a',
      capabilities,
      createChatCompletion: async () => ({ kind: 'json', body: {} }),
    };
    expect(assertProvider(provider, 'p')).toBe(provider);
    // countTokens is optional and needs no capability flag.
    const counting = { ...provider, countTokens: async () => ({ inputTokens: 1 }) };
    expect(assertProvider(counting, 'p')).toBe(counting);
  });
});
