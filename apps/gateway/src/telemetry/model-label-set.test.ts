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

  it('asks the provider about a refused name again only after the recheck time, and labels it once listed', () => {
    let now = 0;
    const listed = new Set<string>();
    let asked = 0;
    const google = {
      ...provider({}),
      knownModels: () => {
        asked += 1;
        return listed;
      },
    } as ProviderV1;
    const labels = new ModelLabelSet(new Set(), 500, 10_000, () => now);
    expect(labels.labelOf(google, 'gemini-new', 'gemini-new')).toBe(OTHER_MODEL);
    expect(labels.labelOf(google, 'gemini-new', 'gemini-new')).toBe(OTHER_MODEL);
    expect(asked).toBe(1);
    // The listing arrives; within the recheck time the refusal stands, after it the name is labelled.
    listed.add('gemini-new');
    now = 9_999;
    expect(labels.labelOf(google, 'gemini-new', 'gemini-new')).toBe(OTHER_MODEL);
    now = 10_001;
    expect(labels.labelOf(google, 'gemini-new', 'gemini-new')).toBe('gemini-new');
    expect(asked).toBe(2);
  });

  it('keeps its memory of refused names bounded', () => {
    const labels = new ModelLabelSet(new Set(), 3);
    const azure = provider({});
    for (let index = 0; index < 10_000; index++)
      expect(labels.labelOf(azure, `made-up-${index}`, `made-up-${index}`)).toBe(OTHER_MODEL);
    expect(
      (labels as unknown as { refused: Map<string, number> }).refused.size,
    ).toBeLessThanOrEqual(3);
  });
});
