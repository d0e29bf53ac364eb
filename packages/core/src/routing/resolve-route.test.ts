import { describe, expect, it } from 'vitest';
import type { RoutableProvider } from './resolve-route.js';
import { orderByPrecedence, resolveRoute } from './resolve-route.js';

const azure: RoutableProvider = {
  instanceName: 'azure',
  mapModel: (model) => (model === 'gpt-3.5-turbo' ? 'gpt-35-turbo-0613' : undefined),
  modelPatterns: ['gpt-*'],
};
const google: RoutableProvider = {
  instanceName: 'google',
  mapModel: (model) => (model === 'gemini-pro' ? 'gemini-2.5-pro' : undefined),
  modelPatterns: ['gemini-*'],
};
const vertex: RoutableProvider = {
  instanceName: 'vertex',
  mapModel: (model) => (model === 'chat-bison' ? 'gemini-2.5-flash' : undefined),
  modelPatterns: ['gemini-*'],
  knownModels: () => new Set(['text-embedding-005']),
};

const table = (defaultInstance: string | undefined, providers = [azure, google, vertex]) => ({
  providers,
  defaultInstance,
});
const pick = (model: string, defaultInstance?: string, providers?: RoutableProvider[]) => {
  const route = resolveRoute(model, table(defaultInstance, providers));
  return [route.provider.instanceName, route.model, route.upstreamModel, route.matchedBy];
};

describe('resolveRoute', () => {
  it('1. an instance prefix wins over everything, and the instance still maps the rest', () => {
    expect(pick('vertex/gemini-2.5-flash', 'google')).toEqual([
      'vertex',
      'gemini-2.5-flash',
      'gemini-2.5-flash',
      'prefix',
    ]);
    expect(pick('google/gemini-pro', 'azure')).toEqual([
      'google',
      'gemini-pro',
      'gemini-2.5-pro',
      'prefix',
    ]);
  });

  it('treats a slash as a prefix only when it names a configured instance', () => {
    expect(pick('meta-llama/Llama-3.1-8B', 'azure')).toEqual([
      'azure',
      'meta-llama/Llama-3.1-8B',
      'meta-llama/Llama-3.1-8B',
      'default',
    ]);
  });

  it('2. a mapping table comes before patterns', () => {
    expect(pick('chat-bison', 'google')).toEqual([
      'vertex',
      'chat-bison',
      'gemini-2.5-flash',
      'mapping',
    ]);
    expect(pick('gpt-3.5-turbo', 'google')).toEqual([
      'azure',
      'gpt-3.5-turbo',
      'gpt-35-turbo-0613',
      'mapping',
    ]);
  });

  it('3. patterns: when two providers claim a model the default provider wins, then configuration order', () => {
    expect(pick('gemini-2.5-flash', 'vertex')).toEqual([
      'vertex',
      'gemini-2.5-flash',
      'gemini-2.5-flash',
      'pattern',
    ]);
    expect(pick('gemini-2.5-flash', 'azure')).toEqual([
      'google',
      'gemini-2.5-flash',
      'gemini-2.5-flash',
      'pattern',
    ]);
    expect(pick('GEMINI-2.5-FLASH', undefined)).toEqual([
      'google',
      'GEMINI-2.5-FLASH',
      'GEMINI-2.5-FLASH',
      'pattern',
    ]);
  });

  it('4. the model lists providers reported come before the default provider', () => {
    expect(pick('text-embedding-005', 'azure')).toEqual([
      'vertex',
      'text-embedding-005',
      'text-embedding-005',
      'model-list',
    ]);
  });

  it('5. anything else goes to the default provider as it is', () => {
    expect(pick('MyDeploy', 'azure')).toEqual(['azure', 'MyDeploy', 'MyDeploy', 'default']);
  });

  it('0. an operator alias comes first, and its target is resolved by the other steps', () => {
    const aliases = new Map([
      ['fast', 'vertex/chat-bison'],
      ['cheap', 'gemini-2.5-flash'],
    ]);
    const resolve = (model: string) => resolveRoute(model, { ...table('azure'), aliases });
    expect(resolve('fast')).toMatchObject({
      provider: vertex,
      model: 'chat-bison',
      upstreamModel: 'gemini-2.5-flash',
      matchedBy: 'prefix',
    });
    expect(resolve('cheap')).toMatchObject({
      provider: google,
      model: 'gemini-2.5-flash',
      matchedBy: 'pattern',
    });
    expect(resolve('FAST')).toMatchObject({ provider: azure, model: 'FAST', matchedBy: 'default' });
  });

  it('0. a glob alias routes dated ids after exact aliases, before every provider step', () => {
    const claude: RoutableProvider = { instanceName: 'anthropic', modelPatterns: ['claude-*'] };
    const aliases = new Map([
      ['claude-sonnet-*', 'google/gemini-2.5-pro'],
      ['claude-haiku-4-5-20251001', 'vertex/chat-bison'],
      ['claude-*', 'anthropic/claude-sonnet-4-5'],
    ]);
    const resolve = (model: string) =>
      resolveRoute(model, { ...table('azure', [azure, google, vertex, claude]), aliases });
    // The glob wins over the anthropic provider's own `claude-*` pattern (step 3).
    expect(resolve('claude-sonnet-4-5-20250929')).toMatchObject({
      provider: google,
      model: 'gemini-2.5-pro',
      upstreamModel: 'gemini-2.5-pro',
      matchedBy: 'prefix',
    });
    expect(resolve('claude-haiku-4-5-20251001')).toMatchObject({
      provider: vertex,
      upstreamModel: 'gemini-2.5-flash',
    });
    expect(resolve('claude-opus-4-1-20250805')).toMatchObject({
      provider: claude,
      model: 'claude-sonnet-4-5',
    });
    // Not matched by any glob: the ordinary steps.
    expect(resolve('gpt-4o')).toMatchObject({ provider: azure, matchedBy: 'pattern' });
  });

  it('orders providers by precedence: the default first, then configuration order', () => {
    expect(orderByPrecedence(table('vertex')).map((provider) => provider.instanceName)).toEqual([
      'vertex',
      'azure',
      'google',
    ]);
    expect(orderByPrecedence(table(undefined)).map((provider) => provider.instanceName)).toEqual([
      'azure',
      'google',
      'vertex',
    ]);
  });

  it('answers 404 model_not_found naming the configured providers when there is no default', () => {
    expect(() => resolveRoute('mystery', table(undefined))).toThrow(
      expect.objectContaining({
        status: 404,
        code: 'model_not_found',
        param: 'model',
        message:
          'The model `mystery` does not exist or no configured provider serves it. Configured providers: azure, google, vertex; prefix the model with one of them (e.g. `azure/mystery`).',
      }),
    );
  });

  it('adds the caller hint when nothing is configured', () => {
    expect(() =>
      resolveRoute('gpt-4o', {
        providers: [],
        defaultInstance: undefined,
        hint: 'Set AZURE_OPENAI_ENDPOINT.',
      }),
    ).toThrow(
      'The model `gpt-4o` does not exist or no configured provider serves it. No provider is configured. Set AZURE_OPENAI_ENDPOINT.',
    );
  });
});
