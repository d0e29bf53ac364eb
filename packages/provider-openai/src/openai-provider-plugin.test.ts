import { GatewayError } from '@multi-ai-proxy/core';
import { checkPluginManifest } from '@multi-ai-proxy/core/testing';
import { describe, expect, it } from 'vitest';
import * as pluginModule from './index.js';
import { openaiProviderPlugin } from './openai-provider-plugin.js';
import { parseOpenAIProviderOptions } from './openai-provider-options.js';

describe('openai provider plugin', () => {
  it('passes the host contract checks, with and without server settings', async () => {
    const { provider } = await checkPluginManifest(pluginModule, {
      packageName: '@multi-ai-proxy/provider-openai',
      packageJson: new URL('../package.json', import.meta.url),
    });
    expect(provider.instanceName).toBe('openai');
    expect(provider.capabilities).toMatchObject({
      chatCompletions: true,
      streaming: true,
      completions: true,
      embeddings: true,
      listModels: true,
    });
    await checkPluginManifest(pluginModule, {
      packageName: '@multi-ai-proxy/provider-openai',
      env: { OPENAI_API_KEY: 'sk-x' },
    });
  });

  it('is detected from OPENAI_API_ENDPOINT or OPENAI_API_KEY only', () => {
    expect(openaiProviderPlugin.detectFromEnv?.({})).toBe(false);
    expect(openaiProviderPlugin.detectFromEnv?.({ OPENAI_API_KEY: ' ' })).toBe(false);
    expect(openaiProviderPlugin.detectFromEnv?.({ OPENAI_API_KEY: 'sk' })).toBe(true);
    expect(
      openaiProviderPlugin.detectFromEnv?.({ OPENAI_API_ENDPOINT: 'http://localhost:9999' }),
    ).toBe(true);
  });

  it('defaults to api.openai.com, lets raw options win over env, keeps path prefixes', () => {
    expect(parseOpenAIProviderOptions({}, {})).toEqual({
      endpoint: 'https://api.openai.com',
      apiKey: undefined,
      modelPatterns: [],
      modelsCacheTtlMs: 300_000,
    });
    const options = parseOpenAIProviderOptions(
      { endpoint: 'http://h:1/prefix/', apiKey: 'raw', modelPatterns: [' llama-* '] },
      { OPENAI_API_ENDPOINT: 'http://other', OPENAI_API_KEY: 'env' },
    );
    expect(options).toMatchObject({
      endpoint: 'http://h:1/prefix',
      apiKey: 'raw',
      modelPatterns: ['llama-*'],
    });
  });

  it('rejects malformed options naming the setting, never echoing the value', () => {
    const attempt = (raw: unknown, env: Record<string, string> = {}) => {
      try {
        parseOpenAIProviderOptions(raw, env);
      } catch (error) {
        expect(GatewayError.isInstance(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('expected a failure');
    };
    expect(attempt({}, { OPENAI_API_ENDPOINT: 'not a url secret-ish' })).toMatch(
      /OPENAI_API_ENDPOINT/,
    );
    expect(attempt({}, { OPENAI_API_ENDPOINT: 'not a url secret-ish' })).not.toContain(
      'secret-ish',
    );
    expect(attempt({}, { OPENAI_API_ENDPOINT: 'ftp://x' })).toMatch(/http or https/);
    expect(attempt({ apiKey: 5 })).toMatch(/apiKey must be a string/);
    expect(attempt({ modelPatterns: [''] })).toMatch(/modelPatterns/);
    expect(attempt({}, { OPENAI_MODELS_CACHE_TTL_SECONDS: '-1' })).toMatch(
      /OPENAI_MODELS_CACHE_TTL_SECONDS/,
    );
  });
});
