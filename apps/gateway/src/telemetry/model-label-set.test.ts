import { type ProviderV1, resolveAlias } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { ModelLabelSet, NO_MODEL, OTHER_MODEL } from './model-label-set.js';

const provider = (mapped: Record<string, string>, listed: string[] = []): ProviderV1 =>
  ({
    contractVersion: 1,
    instanceName: 'azure',
    capabilities: {
      chatCompletions: true,
      completions: false,
      embeddings: false,
      streaming: true,
      listModels: false,
      passthrough: [],
    },
    mapModel: (model: string) => mapped[model],
    knownModels: () => new Set(listed),
  }) as ProviderV1;

describe('ModelLabelSet', () => {
  it('keeps configured, aliased, grouped and upstream-listed models and folds everything else into other', () => {
    // A config route (`fast`) and a model group (`chat-group`): both public names are configured.
    const labels = new ModelLabelSet(new Set(['fast', 'chat-group']));
    const azure = provider({ 'gpt-4.1': 'prod-gpt41' }, ['gpt-4o']);
    expect(labels.labelOf(azure, 'gpt-4.1', 'gpt-4.1')).toBe('gpt-4.1');
    expect(labels.labelOf(azure, 'gpt-4o', 'gpt-4o')).toBe('gpt-4o');
    expect(labels.labelOf(azure, 'fast', 'gemini-2.5-flash')).toBe('gemini-2.5-flash');
    expect(labels.labelOf(azure, 'chat-group', 'eu-deployment')).toBe('eu-deployment');
    expect(labels.labelOf(azure, 'gpt-made-up', 'gpt-made-up')).toBe(OTHER_MODEL);
    expect(labels.labelOf(azure, undefined, undefined)).toBe(NO_MODEL);
  });

  it('labels a model a glob route sent somewhere by the routed model, never the dated id', () => {
    const routes = new Map([['claude-sonnet-*', 'google/gemini-2.5-pro']]);
    const labels = new ModelLabelSet({ has: (name) => resolveAlias(name, routes) !== undefined });
    const google = provider({});
    expect(labels.labelOf(google, 'claude-sonnet-4-5-20250929', 'gemini-2.5-pro')).toBe(
      'gemini-2.5-pro',
    );
    expect(labels.labelOf(google, 'claude-made-up', 'claude-made-up')).toBe(OTHER_MODEL);
  });

  it('stops accepting new names at its cap, even for a rule that maps every name', () => {
    const labels = new ModelLabelSet(new Set(), 3);
    const mapsEverything = provider(new Proxy({}, { get: (_target, name) => String(name) }));
    const seen = new Set<string>();
    for (let index = 0; index < 10; index++)
      seen.add(labels.labelOf(mapsEverything, `m${index}`, `m${index}`));
    expect([...seen]).toEqual(['m0', 'm1', 'm2', OTHER_MODEL]);
    expect(labels.labelOf(mapsEverything, 'm1', 'm1')).toBe('m1');
  });
});
